#pragma once
// The 18-character resident identity number (GB 11643): a 6-digit division
// code, the 8-digit birth date, a 3-digit sequence whose last digit is odd
// for men and even for women, and the ISO 7064 MOD 11-2 check character.

#include <string>
#include <string_view>

#include "engine/calendar/date.h"
#include "engine/core/result.h"

namespace xueji {

enum class Gender { male, female };
std::string_view to_string(Gender gender);

struct ResidentIdInfo {
  std::string division_code;
  Date birth_date;
  Gender gender = Gender::male;
};

// The check character of the first 17 digits ('0'-'9' or 'X').
// Precondition: `first17` is 17 digits.
char resident_id_check_char(std::string_view first17);

// Validates every part; `today` bounds the birth date (no clock is read).
// Errors have code "invalid_resident_id" and name the problem, e.g.
// "resident ID 450102201309150018: check character is 8, expected 9".
Result<ResidentIdInfo> validate_resident_id(std::string_view id, Date today);

}  // namespace xueji
