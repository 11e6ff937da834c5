#pragma once
// SHA-256 of a byte string, as 64 lowercase hex characters. Used for rule-set
// and calendar versions (content hashes) and for the audit hash chain.

#include <string>
#include <string_view>

namespace xueji {

std::string sha256_hex(std::string_view data);

}  // namespace xueji
