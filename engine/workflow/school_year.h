#pragma once
// A province's school year: the day its promotion runs (Art. 7: normal
// promotion is automatic). The Measures fix no date; the spec's default is
// 1 September, and a province may set its own in
//   workflows/provinces/<code>/school_year.yaml
//     province: "450000"
//     school_year: {promotion: {date: "08-28"}}
// read by the rule loader (rule_loader.h) with "file:line: reason" on a bad
// value, like every rule file.

#include <string>

#include "engine/calendar/date.h"
#include "engine/core/result.h"
#include "engine/core/yaml_source.h"

namespace xueji {

// A day of the year, month and day. The bound is ours, not the Measures':
// a school year in China starts at the end of the summer holiday, so the
// date must fall in August or September; anything else is a typing error
// (a "03-01" would promote every student in spring).
struct PromotionDate {
  int month = 9;  // the national default: 1 September
  int day = 1;

  // The date in `year` (always valid: August and September have no
  // leap-year day).
  Date in_year(int year) const;
  // "MM-DD".
  std::string to_string() const;
  friend bool operator==(PromotionDate a, PromotionDate b) {
    return a.month == b.month && a.day == b.day;
  }
};

// "MM-DD" in August or September; an error naming the text otherwise.
Result<PromotionDate> parse_promotion_date(const std::string& text);

// A province's school-year file, read: its province and its promotion date.
struct SchoolYearRule {
  std::string province;
  PromotionDate promotion;
};

// Whether `yaml` is a school-year file (it has `school_year:`), which the
// loader reads with read_school_year() instead of as a workflow file.
bool is_school_year_file(const YamlSource& yaml);

// Reads a school-year file; throws SourceError naming the file and line of
// an unknown key, an unknown province or a date outside August and
// September.
SchoolYearRule read_school_year(const YamlSource& yaml);

}  // namespace xueji
