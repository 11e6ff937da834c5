#pragma once
// SHA-256 of a byte string, as 64 lowercase hex characters. Used for rule-set
// and calendar versions (content hashes) and for the audit hash chain.

#include <string>
#include <string_view>

namespace xueji {

std::string sha256_hex(std::string_view data);

// HMAC-SHA256 of `data` under `key`, as hex: a keyed pseudonym that nobody
// without the key can compute or reverse by trying every input.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace xueji
