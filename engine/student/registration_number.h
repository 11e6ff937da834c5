#pragma once
// Student registration numbers (学籍号), assigned by the system for life
// (Art. 8, 12: 一人一籍、籍随人走):
//   G + the 18-character resident ID, once the identity is verified;
//   L + 6-digit division + 8-digit birth date + 4 digits, a temporary number
//       before verification, replaced by the G number and never reused;
//   J + 18 digits, for a student with no usable ID.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/calendar/date.h"
#include "engine/core/result.h"

namespace xueji {

enum class RegistrationKind { g_number, l_number, j_number };

std::string g_number(std::string_view resident_id);
// Precondition: serial in 0..9999.
std::string l_number(std::string_view division_code, Date birth, int serial);
std::string j_number(int64_t serial);
// The kind of a well-formed number; "invalid_registration_number" otherwise.
Result<RegistrationKind> classify_registration_number(std::string_view number);

}  // namespace xueji
