#include "engine/student/promotion_correction.h"

#include <algorithm>
#include <string>

#include "engine/org/school_type.h"

namespace xueji {

Date corrections_until(Instant run_at) { return run_at.beijing_date().plus_months(1); }

Status check_grade_correction(const StudentRun& run, const OrgTree& orgs, const Student& now,
                              int grade, Date today) {
  const std::string& number = now.registration_number;
  const Date until = corrections_until(run.at);
  if (today > until) {
    return make_error("rule_refused", "the month of corrections after " + run.id + " ended on " +
                                          until.to_string() +
                                          " (Art. 7); open a grade_change case for " + number);
  }
  if (std::find(run.statuses.begin(), run.statuses.end(), now.status) == run.statuses.end()) {
    return make_error("rule_refused", "registration " + number + " is " +
                                          std::string(to_string(now.status)) +
                                          ", not a live record the promotion moves (Art. 7)");
  }
  if (!covers(run, now.school)) {
    return make_error("rule_refused", "school " + now.school + " of registration " + number +
                                          " is not one " + run.id + " covered");
  }
  const int repeated = now.grade - 1;
  if (grade != repeated || !takes_grade(run, now.school, repeated)) {
    return make_error("rule_refused",
                      "a correction after " + run.id +
                          " only undoes the promotion of a student who " + "repeats the year" +
                          (takes_grade(run, now.school, repeated)
                               ? " (grade " + std::to_string(now.grade) + " back to " +
                                     std::to_string(repeated) + ")"
                               : std::string(": the run did not move grade ") +
                                     std::to_string(repeated) + " at school " + now.school) +
                          "; grade " + std::to_string(grade) +
                          " needs a grade_change case (Art. 7)");
  }
  return check_grade_at_school(orgs, now.school, grade);
}

}  // namespace xueji
