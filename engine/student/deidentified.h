#pragma once
// A student as data may leave the system (Art. 24: only approved, recorded
// and de-identified): the name masked to its first character, the resident
// ID reduced to its division code and birth year, the registration number
// replaced by a keyed pseudonym (HMAC-SHA256), stable for one key and
// unlinkable without it.

#include <string>
#include <string_view>

#include "engine/student/student.h"

namespace xueji {

struct DeidentifiedStudent {
  std::string pseudonym;  // "P" + 24 hex digits
  std::string name;       // "张**"
  std::string division;   // the resident ID's first six digits (where the ID was issued)
  int birth_year = 0;
  std::string gender;
  int grade = 0;
  std::string status;
  std::string school;
};

DeidentifiedStudent deidentify(const Student& student, std::string_view pseudonym_key);

// The CSV header and one row (RFC 4180 quoting).
std::string deidentified_csv_header();
std::string to_csv_row(const DeidentifiedStudent& s);

}  // namespace xueji
