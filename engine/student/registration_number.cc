#include "engine/student/registration_number.h"

#include <algorithm>
#include <cstdio>

namespace xueji {
namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string g_number(std::string_view resident_id) { return "G" + std::string(resident_id); }

std::string l_number(std::string_view division_code, Date birth, int serial) {
  char tail[8];
  std::snprintf(tail, sizeof tail, "%04d", serial);
  std::string date = birth.to_string();
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  return "L" + std::string(division_code) + date + tail;
}

std::string j_number(int64_t serial) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "J%018lld", static_cast<long long>(serial));
  return buf;
}

Result<RegistrationKind> classify_registration_number(std::string_view n) {
  auto bad = [&] {
    return make_error("invalid_registration_number",
                      "'" + std::string(n) +
                          "' is not a registration number (G + resident ID, "
                          "L + 18 digits, or J + 18 digits)");
  };
  if (n.size() != 19) return bad();
  const std::string_view body = n.substr(1);
  switch (n[0]) {
    case 'G':
      if (!digits(body.substr(0, 17)) || !(digits(body.substr(17)) || body[17] == 'X'))
        return bad();
      return RegistrationKind::g_number;
    case 'L':
      if (!digits(body)) return bad();
      return RegistrationKind::l_number;
    case 'J':
      if (!digits(body)) return bad();
      return RegistrationKind::j_number;
    default:
      return bad();
  }
}

}  // namespace xueji
