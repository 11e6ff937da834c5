#include "engine/case/opening_fields.h"

#include <algorithm>

#include "engine/student/record_fields.h"

namespace xueji {

const std::vector<std::string>& opening_field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"to_school",     "household_county", "months",
                                    "date_of_death", "learned_on",       "reason_code",
                                    "evidence_ref",  "school",           "term",
                                    "finding",       "assessment_ref"};
    const auto& record = record_field_names();
    all.insert(all.end(), record.begin(), record.end());
    return all;
  }();
  return names;
}

bool is_opening_field(std::string_view name) {
  const auto& names = opening_field_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string listed_opening_fields() {
  std::string out;
  for (const auto& name : opening_field_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace xueji
