#pragma once
// A province's school year: the day its promotion runs (Art. 7: normal
// promotion is automatic). The Measures fix no date; the spec's default is
// 1 September, and a province may set its own in
//   workflows/provinces/<code>/school_year.yaml
//     province: "450000"
//     school_year: {promotion: {date: "08-28"}, intake: {date: "08-28"},
//                   entry_age: {cutoff: "08-31", seven_allowed: false}}
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

// "MM-DD", any day of the year but 29 February (it would not come every
// year); an error naming the text otherwise.
Result<PromotionDate> parse_month_day(const std::string& text, const std::string& what);

// Art. 11: a child starts school at six full years (年满六周岁), or seven in
// a province where conditions are lacking (可以推迟到七周岁); the age counts
// on the province's cut-off day of the intake's year (commonly 31 August;
// the Measures name no day). A deferral is only for a child of that age.
struct EntryAge {
  PromotionDate cutoff{8, 31};
  bool seven_allowed = false;

  // Whether a child born on `birth` is of the entry age for the intake of
  // `year`, a year older allowed for each of `deferred_years` (a deferral
  // applied for again, Art. 11); else the refusal naming the age and Art. 11.
  Status check(Date birth, int year, int deferred_years = 0) const;
};

// A province's school-year file, read: its province, its promotion date,
// the day its intake starts school (a deferral ends at the next one, Art.
// 11; national default 1 September) and its entry age.
struct SchoolYearRule {
  std::string province;
  PromotionDate promotion;
  PromotionDate intake;
  EntryAge entry_age;
};

// Whether `yaml` is a school-year file (it has `school_year:`), which the
// loader reads with read_school_year() instead of as a workflow file.
bool is_school_year_file(const YamlSource& yaml);

// Reads a school-year file; throws SourceError naming the file and line of
// an unknown key, an unknown province or a date outside August and
// September.
SchoolYearRule read_school_year(const YamlSource& yaml);

}  // namespace xueji
