#include "engine/student/deidentified.h"

#include "engine/core/sha256.h"

namespace xueji {
namespace {

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

DeidentifiedStudent deidentify(const Student& s, std::string_view pseudonym_key) {
  DeidentifiedStudent out;
  out.pseudonym = "P" + hmac_sha256_hex(pseudonym_key, s.registration_number).substr(0, 24);
  out.name = mask_name(s.name);
  out.division = s.resident_id.substr(0, 6);
  // The birth year as the ID states it (GB 11643: digits 7-10).
  const std::string year = s.resident_id.size() == 18 ? s.resident_id.substr(6, 4) : "";
  out.birth_year = year.size() == 4 && year.find_first_not_of("0123456789") == std::string::npos
                       ? std::stoi(year)
                       : s.birth_date.year();
  out.gender = std::string(to_string(s.gender));
  out.grade = s.grade;
  out.status = std::string(to_string(s.status));
  out.school = s.school;
  return out;
}

std::string deidentified_csv_header() {
  return "pseudonym,name,division,birth_year,gender,grade,status,school\n";
}

std::string to_csv_row(const DeidentifiedStudent& s) {
  return csv_field(s.pseudonym) + "," + csv_field(s.name) + "," + csv_field(s.division) + "," +
         std::to_string(s.birth_year) + "," + csv_field(s.gender) + "," + std::to_string(s.grade) +
         "," + csv_field(s.status) + "," + csv_field(s.school) + "\n";
}

}  // namespace xueji
