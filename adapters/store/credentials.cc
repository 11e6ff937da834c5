#include "adapters/store/credentials.h"

#include <openssl/rand.h>

#include <stdexcept>

#include "engine/core/sha256.h"

namespace xueji::store {

std::string random_bytes(size_t bytes) {
  std::string out(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(bytes)) != 1) {
    // Without entropy no secret can be made: fail loudly, never weakly.
    throw std::runtime_error("the system's random generator failed");
  }
  return out;
}

std::string random_hex(size_t bytes) {
  static const char* digits = "0123456789abcdef";
  const std::string raw = random_bytes(bytes);
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string new_bearer_token() { return "xj_" + random_hex(32); }

std::string token_hash(const std::string& token) { return sha256_hex(token); }

}  // namespace xueji::store
