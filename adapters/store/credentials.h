#pragma once
// Secrets the adapters make: bearer tokens, their public ids, password
// salts, from the operating system's CSPRNG (OpenSSL RAND_bytes). The store
// keeps only a token's SHA-256, never the token.

#include <string>

namespace xueji::store {

// `bytes` random bytes, as raw bytes or as lower-case hex.
std::string random_bytes(size_t bytes);
std::string random_hex(size_t bytes);

// A new bearer token ("xj_" and 64 hex digits) and the hash kept of it.
std::string new_bearer_token();
std::string token_hash(const std::string& token);

}  // namespace xueji::store
