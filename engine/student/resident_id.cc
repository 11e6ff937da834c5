#include "engine/student/resident_id.h"

#include "engine/org/provinces.h"

namespace xueji {

std::string_view to_string(Gender gender) { return gender == Gender::male ? "male" : "female"; }

char resident_id_check_char(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<ResidentIdInfo> validate_resident_id(std::string_view id, Date today) {
  auto refuse = [&](const std::string& why) {
    return make_error("invalid_resident_id", "resident ID '" + std::string(id) + "': " + why);
  };
  if (id.size() != 18) {
    return refuse("has " + std::to_string(id.size()) + " characters, expected 18");
  }
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9')
      return refuse("character " + std::to_string(i + 1) + " is not a digit");
  }
  const char last = id[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) {
    return refuse("the check character must be a digit or capital X");
  }
  ResidentIdInfo info;
  info.division_code = std::string(id.substr(0, 6));
  if (province_of(info.division_code).empty()) {
    return refuse("division code " + info.division_code + " names no province");
  }
  const int year = std::stoi(std::string(id.substr(6, 4)));
  const int month = std::stoi(std::string(id.substr(10, 2)));
  const int day = std::stoi(std::string(id.substr(12, 2)));
  auto birth = Date::from_ymd(year, month, day);
  if (!birth) return refuse("birth date " + std::string(id.substr(6, 8)) + " does not exist");
  if (*birth > today) return refuse("birth date " + birth->to_string() + " is in the future");
  info.birth_date = *birth;
  const char expected = resident_id_check_char(id.substr(0, 17));
  if (expected != last) {
    return refuse(std::string("check character is ") + last + ", expected " + expected);
  }
  info.gender = (id[16] - '0') % 2 == 1 ? Gender::male : Gender::female;
  return info;
}

}  // namespace xueji
