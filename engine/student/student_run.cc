#include "engine/student/student_run.h"

#include <algorithm>
#include <cctype>

namespace xueji {

Result<StudentRun> promotion_run(const std::string& scope, int year, Instant at) {
  const bool digits =
      std::all_of(scope.begin(), scope.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (!digits || scope.size() > 10) {
    return make_error("invalid_field",
                      "scope '" + scope + "' is not an org code (up to 10 digits)");
  }
  if (year < 2000 || year > 2100) {
    return make_error("invalid_field", "year " + std::to_string(year) + " is out of range");
  }
  StudentRun run;
  run.id = "promotion-" + std::to_string(year) + "-" + (scope.empty() ? "all" : scope);
  run.kind = "promotion";
  run.scope = scope;
  // Art. 7: a student in the last grade of a stage is not promoted by the
  // run; graduation (Art. 19) or moving up a stage (Art. 14) decides it.
  // Nine-year and twelve-year schools, where 6 to 7 is a promotion, wait
  // for the schools' types (issue 15).
  run.grades = {1, 2, 3, 4, 5, 7, 8, 10, 11};
  run.statuses = {StudentStatus::enrolled, StudentStatus::on_leave,
                  StudentStatus::transfer_pending};
  run.grade_step = 1;
  run.at = at;
  return run;
}

}  // namespace xueji
