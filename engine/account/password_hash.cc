#include "engine/account/password_hash.h"

#include <argon2.h>

#include <vector>

namespace xueji {

Result<std::string> hash_password(std::string_view password, std::string_view salt,
                                  const Argon2Cost& cost) {
  if (salt.size() < 16) return make_error("invalid_salt", "a salt needs at least 16 bytes");
  constexpr size_t kHashBytes = 32;
  const size_t length =
      argon2_encodedlen(cost.iterations, cost.memory_kib, cost.lanes,
                        static_cast<uint32_t>(salt.size()), kHashBytes, Argon2_id);
  std::vector<char> encoded(length);
  const int rc = argon2id_hash_encoded(cost.iterations, cost.memory_kib, cost.lanes,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return make_error("hash_failed", std::string("argon2id: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool verify_password(const std::string& encoded, std::string_view password) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace xueji
