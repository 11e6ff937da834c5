#include "engine/student/student_run.h"

#include <algorithm>
#include <cctype>

#include "engine/student/registration_number.h"

namespace xueji {

bool covers(const StudentRun& run, const std::string& school) {
  if (run.listed) return std::binary_search(run.schools.begin(), run.schools.end(), school);
  return school.compare(0, run.prefix.size(), run.prefix) == 0;
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
         std::find(run.statuses.begin(), run.statuses.end(), s.status) != run.statuses.end() &&
         std::find(run.except.begin(), run.except.end(), s.registration_number) == run.except.end();
}

StudentRun school_records_run(const std::string& school, const std::string& successor, Instant at) {
  StudentRun run;
  run.id = "handover-" + school;
  run.kind = "handover";
  run.scope = school;
  run.listed = true;
  run.schools = {school};
  run.prefix = school;
  for (int grade = 0; grade <= 12; ++grade) run.grades.push_back(grade);
  for (int s = 0; s <= static_cast<int>(StudentStatus::specialised_school); ++s) {
    run.statuses.push_back(static_cast<StudentStatus>(s));
  }
  run.to_school = successor;
  run.at = at;
  return run;
}

bool holds_back(const StudentRun& run, const std::string& kind, const std::string& case_status) {
  return run.skip_open_cases && (case_status == "open" || case_status == "in_term") &&
         std::find(run.unheld_by.begin(), run.unheld_by.end(), kind) == run.unheld_by.end();
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
  run.prefix = scope;
  if (const Org* top = scope.empty() ? nullptr : orgs.find(scope)) {
    run.listed = true;
    for (const Org* org : orgs.all()) {
      if (org->level == OrgLevel::school && orgs.contains(scope, org->code)) {
        run.schools.push_back(org->code);
      }
    }
    // The province's 20,000 schools as a list cost each batch more than
    // its update (docs/performance.md): where the code's digits name the
    // same schools, the run goes by them.
    const size_t named_by = top->level == OrgLevel::province ? 2
                            : top->level == OrgLevel::city   ? 4
                                                             : scope.size();
    const std::string prefix = scope.substr(0, named_by);
    std::vector<std::string> by_prefix;
    for (const Org* org : orgs.all()) {
      if (org->level == OrgLevel::school && org->code.compare(0, prefix.size(), prefix) == 0) {
        by_prefix.push_back(org->code);
      }
    }
    if (by_prefix == run.schools) {  // both in code order
      run.listed = false;
      run.schools.clear();
      run.prefix = prefix;
    } else {
      run.prefix.clear();
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

Result<StudentRun> graduation_run(const OrgTree& orgs, const std::string& school, int year,
                                  int grade, const std::vector<std::string>& except, Instant at) {
  const Org* org = orgs.find(school);
  if (org == nullptr || org->level != OrgLevel::school) {
    return make_error("unknown_org", "'" + school + "' is not a known school");
  }
  if (year < 2000 || year > 2100) {
    return make_error("invalid_field", "year " + std::to_string(year) + " is out of range");
  }
  if (grade == 0) {
    if (!org->school_type) {
      return make_error("invalid_field", "school " + school +
                                             " has no type in the org file: name the grade "
                                             "that graduates (6, 9 or 12)");
    }
    grade = grades_of(*org->school_type).last;
  }
  if (grade != 6 && grade != 9 && grade != 12) {
    return make_error("invalid_field",
                      "grade " + std::to_string(grade) + " ends no stage (6, 9 or 12)");
  }
  if (Status taught = check_grade_at_school(orgs, school, grade); !taught) return taught.error();
  if (org->school_type) {
    const auto across = promoted_across_stages(*org->school_type);
    if (std::find(across.begin(), across.end(), grade) != across.end()) {
      // Art. 7: inside a school that teaches the next stage, grade 6 (or 9)
      // moves up by the yearly promotion; nobody graduates from it.
      return make_error("rule_refused",
                        "school " + school + " is a " + std::string(to_string(*org->school_type)) +
                            " school: its grade " + std::to_string(grade) +
                            " moves up by promotion (Art. 7), it does not graduate (Art. 19)");
    }
  }
  for (const auto& number : except) {
    if (auto kind = classify_registration_number(number); !kind) {
      return make_error("invalid_field", "exception '" + number + "': " + kind.error().message);
    }
  }
  StudentRun run;
  run.id = "graduation-" + std::to_string(year) + "-" + school;
  run.kind = "graduation";
  run.scope = school;
  run.prefix = school;  // a school's code names it alone (10 digits)
  run.grades = {grade};
  run.statuses = {StudentStatus::enrolled};
  run.to_status = StudentStatus::graduated;
  run.except = except;
  std::sort(run.except.begin(), run.except.end());
  run.except.erase(std::unique(run.except.begin(), run.except.end()), run.except.end());
  run.skip_open_cases = true;
  // Art. 6, 7: building and updating the archive runs beside the record.
  run.unheld_by = {"archive_build", "archive_update"};
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
