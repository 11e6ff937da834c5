#include "engine/workflow/return_placement.h"

#include <algorithm>

namespace xueji {
namespace {

// Whether month-day `a` comes before month-day `b` within a year.
bool before_in_year(int a_month, int a_day, int b_month, int b_day) {
  return a_month < b_month || (a_month == b_month && a_day < b_day);
}

}  // namespace

int grade_of_age(Date birth, Date today, const SchoolYearRule& year) {
  // Art. 11: six full years on the cut-off day of the intake's year.
  const PromotionDate cutoff = year.entry_age.cutoff;
  const int entered =
      birth.year() + 6 +
      (before_in_year(cutoff.month, cutoff.day, birth.month(), birth.day()) ? 1 : 0);
  // The school year under way started on this year's promotion date, or
  // last year's before it (Art. 7: the grade moves up on that day).
  const int started =
      today >= year.promotion.in_year(today.year()) ? today.year() : today.year() - 1;
  return started - entered + 1;
}

Status ReturnPlacement::check(int grade, Date birth, Date today, const SchoolYearRule& year) const {
  if (basis == Basis::school) return Status();
  const int of_age = grade_of_age(birth, today, year);
  const int lowest = std::max(1, of_age - below), highest = std::min(12, of_age + above);
  if (grade >= lowest && grade <= highest) return Status();
  const std::string rule = "a student back from abroad enters, by " + year.province +
                           "'s rule, the grade of their age, " + std::to_string(of_age) +
                           " (born " + birth.to_string() + ")";
  if (lowest > highest) {
    return make_error("rule_refused", rule + ": no grade from 1 to 12 (Art. 20)");
  }
  return make_error("rule_refused", rule + ": grades " + std::to_string(lowest) + " to " +
                                        std::to_string(highest) + ", not " + std::to_string(grade) +
                                        " (Art. 20)");
}

ReturnPlacement read_return_placement(const YamlSource& yaml, const YAML::Node& node) {
  yaml.expect_map(node, "'return_grade'", {"by", "below", "above"});
  ReturnPlacement placement;
  const std::string by = yaml.scalar(yaml.require(node, "by"), "'by'");
  if (by == "school") {
    if (node["below"] || node["above"]) {
      yaml.fail(node, "'below' and 'above' bound a placement by age; by school the school places");
    }
    return placement;
  }
  if (by != "age") yaml.fail(node["by"], "'by' must be school or age, not '" + by + "'");
  placement.basis = ReturnPlacement::Basis::age;
  if (node["below"])
    placement.below = static_cast<int>(yaml.integer(node["below"], "below", 0, 11));
  if (node["above"])
    placement.above = static_cast<int>(yaml.integer(node["above"], "above", 0, 11));
  return placement;
}

std::string to_string(const ReturnPlacement& placement) {
  if (placement.basis == ReturnPlacement::Basis::school) return "by school";
  return "by age, " + std::to_string(placement.below) + " below to " +
         std::to_string(placement.above) + " above";
}

}  // namespace xueji
