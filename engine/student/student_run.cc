#include "engine/student/student_run.h"

#include <algorithm>
#include <cctype>

namespace xueji {

bool covers(const StudentRun& run, const std::string& school) {
  if (run.listed) return std::binary_search(run.schools.begin(), run.schools.end(), school);
  return school.compare(0, run.scope.size(), run.scope) == 0;
}

bool takes_grade(const StudentRun& run, const std::string& school, int grade) {
  if (!covers(run, school)) return false;
  if (std::find(run.grades.begin(), run.grades.end(), grade) != run.grades.end()) return true;
  for (const auto& extra : run.extra_grades) {
    if (extra.grade == grade &&
        std::binary_search(extra.schools.begin(), extra.schools.end(), school)) {
      return true;
    }
  }
  return false;
}

bool takes(const StudentRun& run, const Student& s) {
  return takes_grade(run, s.school, s.grade) &&
         std::find(run.statuses.begin(), run.statuses.end(), s.status) != run.statuses.end();
}

Result<StudentRun> promotion_run(const OrgTree& orgs, const std::string& scope, int year,
                                 Instant at) {
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
  // The tree, not the digits, says which schools lie under an org: a
  // school's code need not share its county's digits, and a school run by
  // a city sits under no county (Art. 5).
  if (!scope.empty() && orgs.find(scope) != nullptr) {
    run.listed = true;
    for (const Org* org : orgs.all()) {
      if (org->level == OrgLevel::school && orgs.contains(scope, org->code)) {
        run.schools.push_back(org->code);
      }
    }
  }
  // Art. 7: a student in the last grade of a stage is not promoted by the
  // run; graduation (Art. 19) or moving up a stage (Art. 14) decides it,
  // but at a school that teaches the next stage too it is a promotion.
  run.grades = {1, 2, 3, 4, 5, 7, 8, 10, 11};
  for (int grade : {6, 9}) {
    RunExtraGrade extra{grade, {}};
    for (const Org* org : orgs.all()) {  // in code order
      if (org->level != OrgLevel::school || !org->school_type || !covers(run, org->code)) continue;
      const auto across = promoted_across_stages(*org->school_type);
      if (std::find(across.begin(), across.end(), grade) != across.end()) {
        extra.schools.push_back(org->code);
      }
    }
    if (!extra.schools.empty()) run.extra_grades.push_back(std::move(extra));
  }
  run.statuses = {StudentStatus::enrolled, StudentStatus::on_leave,
                  StudentStatus::transfer_pending};
  run.grade_step = 1;
  run.at = at;
  return run;
}

int run_year(const std::string& id) {
  const size_t first = id.find('-');
  if (first == std::string::npos || id.size() < first + 5) return 0;
  const std::string year = id.substr(first + 1, 4);
  if (!std::all_of(year.begin(), year.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return 0;
  }
  return std::stoi(year);
}

}  // namespace xueji
