#pragma once
// Passwords are kept only as Argon2id hashes (memory-hard, RFC 9106), in
// the library's encoded form "$argon2id$v=19$m=...,t=...,p=...$salt$hash",
// so each hash carries its own cost and a cost raised later still verifies
// the old ones. The salt comes from the caller: engine/ reads no entropy.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/result.h"

namespace xueji {

struct Argon2Cost {
  // OWASP's minimum for Argon2id: 19 MiB, two passes, one lane.
  uint32_t memory_kib = 19456;
  uint32_t iterations = 2;
  uint32_t lanes = 1;
};

// The encoded hash of `password` with `salt` (at least 16 bytes).
Result<std::string> hash_password(std::string_view password, std::string_view salt,
                                  const Argon2Cost& cost);

// Whether `password` matches the encoded hash; false for a malformed hash.
bool verify_password(const std::string& encoded, std::string_view password);

}  // namespace xueji
