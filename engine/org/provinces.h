#pragma once
// The province-level divisions of GB/T 2260 served by the national
// student-registration system (the 31 of the mainland), by 6-digit code.

#include <string>
#include <string_view>

namespace xueji {

// True for "110000" ... "650000" when the code names a mainland province,
// autonomous region or municipality.
bool is_province_code(std::string_view code);

// The province's name in Chinese ("广西壮族自治区"), or "" when unknown.
std::string_view province_name(std::string_view code);

// The province containing a 6-digit division code or a 10-digit school
// identifier whose first six digits are its county ("450102" -> "450000").
// Returns "" when the first two digits name no province.
std::string province_of(std::string_view code);

}  // namespace xueji
