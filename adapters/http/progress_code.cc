#include "adapters/http/progress_code.h"

#include <cctype>

#include "adapters/store/credentials.h"
#include "engine/core/sha256.h"

namespace xueji::http {
namespace {

// 32 symbols: 2-9 and A-Z without I and O, so that each random byte's low
// five bits pick one without bias.
constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr size_t kLength = 16;

bool in_alphabet(char c) {
  for (const char* a = kAlphabet; *a != '\0'; ++a) {
    if (*a == c) return true;
  }
  return false;
}

}  // namespace

std::string new_progress_code() {
  static_assert(sizeof kAlphabet - 1 == 32, "five bits per character");
  const std::string raw = store::random_bytes(kLength);
  std::string code;
  code.reserve(kLength);
  for (unsigned char byte : raw) code += kAlphabet[byte & 31];
  return code;
}

std::optional<std::string> normalise_progress_code(const std::string& typed) {
  if (typed.size() > 64) return std::nullopt;
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!in_alphabet(upper)) return std::nullopt;
    code += upper;
  }
  if (code.size() != kLength) return std::nullopt;
  return code;
}

std::string progress_code_hash(const std::string& code) { return sha256_hex(code); }

}  // namespace xueji::http
