#pragma once
// A run over many students at once: the yearly promotion (Art. 7) and a
// school's graduation of its final-year cohort (Art. 19). It says which records it takes
// and what it does to each; a journal applies it in batches
// (actors/port/journal.h), each batch recording how far the run got, so a
// run interrupted by a crash is resumed by running it again and changes no
// record twice.

#include <optional>
#include <string>
#include <vector>

#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/student/student.h"

namespace xueji {

// Records in `grade` at one of `schools` (codes in order), which a run
// takes besides its `grades`.
struct RunExtraGrade {
  int grade = 0;
  std::vector<std::string> schools;
};

struct StudentRun {
  std::string id;     // names the run: the same id resumes it
  std::string kind;   // "promotion" | "graduation"
  std::string scope;  // an org code: the records of schools under it ("" = all)
  // The schools it covers: with `listed`, exactly `schools` (in code order:
  // the schools the org tree holds under `scope`); otherwise every school
  // whose code starts with `prefix` (the tree's schools under the scope
  // when they are exactly those its code's digits name, or a scope the
  // tree does not know, such as the bench's "45" on a database without
  // orgs).
  bool listed = false;
  std::vector<std::string> schools;
  std::string prefix;
  // The records it takes, at a school it covers: in one of `grades`, or in
  // an extra grade at one of that grade's schools; with one of `statuses`.
  std::vector<int> grades;
  std::vector<RunExtraGrade> extra_grades;
  std::vector<StudentStatus> statuses;
  int grade_step = 0;  // what it adds to the grade
  // The status it gives each record it takes, if any (a graduation's
  // "graduated"); the record's history keeps the status it replaced, with
  // the run's id as the source.
  std::optional<StudentStatus> to_status;
  // The school it moves each record it takes to, if any (Art. 12: a merged
  // school's records go to its successor); the history keeps the school
  // it replaced, likewise.
  std::optional<std::string> to_school = std::nullopt;
  // Records it never takes, by registration number (a cohort's
  // exceptions, whose outcome a graduation case decides).
  std::vector<std::string> except;
  // Whether a record with an open case (or a term running) is left alone:
  // a run that closes records does not close one under a pending case.
  // Cases of `unheld_by` kinds do not hold a record back: they change
  // nothing on it (the archive's deadlines, Art. 6, 7).
  bool skip_open_cases = false;
  std::vector<std::string> unheld_by;
  Instant at;
  int batch = 10000;  // records per transaction
};

// Whether `run` covers `school` (listed, or under its code prefix).
bool covers(const StudentRun& run, const std::string& school);
// Whether `run` takes a record in `grade` at `school` (a school it covers),
// whatever the record's status.
bool takes_grade(const StudentRun& run, const std::string& school, int grade);
// Whether `run` takes `student`: takes_grade(), one of its statuses, and
// not one of its exceptions (open cases are the journal's to check).
// The in-memory journal's test; the SQL journal says the same in SQL.
bool takes(const StudentRun& run, const Student& student);

// How far a run has got: the records it changed, over every batch so far,
// and the last registration number it has passed (runs go in number order).
struct RunProgress {
  int64_t changed = 0;
  std::string last_number;
  bool finished = false;
};

// The promotion of `year` in `scope` (Art. 7: normal promotion is
// automatic): every live record (enrolled, on leave, or with a transfer
// pending) moves up one grade, except in the last grade of a stage (6, 9,
// 12), which the graduation or the handover to the next stage decides; but
// inside a school that teaches both sides of a stage boundary (a nine-year
// school's 6 -> 7, a twelve-year school's 6 -> 7 and 9 -> 10: school_type.h)
// the move is a promotion too. A scope `orgs` knows covers the schools the
// tree holds under it (listed); another scope, the schools whose codes start
// with it; a run whose listed schools are exactly the tree's schools that
// start with the scope's own digits (GB/T 2260: a province's first 2, a
// city's 4, a county's 6) goes by that prefix instead, which the store
// matches without a list. Its id is "promotion-<year>-<scope or all>": the same year and
// scope is the same run. Errors: "invalid_field" for a scope that is not an
// org code, a year outside 2000-2100.
Result<StudentRun> promotion_run(const OrgTree& orgs, const std::string& scope, int year,
                                 Instant at);

// The hand-over of a merged or closed school's records to the school that
// succeeds it (Art. 12: 学校合并的,学生学籍档案移交到合并后的学校管理): every
// record at `school`, whatever its grade and status, open cases or not (a
// case opened at the school goes on at its successor: student_effect.h).
// Its id is "handover-<school>": a change is made once per school.
StudentRun school_records_run(const std::string& school, const std::string& successor, Instant at);

// Whether a case of `kind` whose status is `case_status` ("open",
// "in_term", "closed") holds a record back from `run`: the run skips open
// cases, the case is live (a step waiting or a term running), and its kind
// is not one the run lists in unheld_by. The in-memory journal's and the
// simulator's test; the SQL journal says the same in SQL.
bool holds_back(const StudentRun& run, const std::string& kind, const std::string& case_status);

// The graduation of `year` at `school` (Art. 19: the school graduates its
// cohort; 结业 and 肄业 are per-student graduation cases): every enrolled
// record in the school's graduating `grade` becomes graduated, except
// `except` and records with an open case (a pending transfer, a leave, a
// grade change decide first; an archive case, which changes nothing on
// the record, does not hold it back). `grade` 0 means the last grade the school's
// type teaches (school_type.h: 6, 9 or 12); another must end a stage (6, 9,
// 12) that the school does not carry on itself (a nine-year school's grade
// 6 moves up by promotion, Art. 7). Its id is
// "graduation-<year>-<school>". Errors: "unknown_org" for a code that is
// not a school of `orgs`; "invalid_field" for a year outside 2000-2100, a
// grade that ends no stage, or an exception that is not a registration
// number; "rule_refused" (Art. 19) for a grade the school does not
// graduate.
Result<StudentRun> graduation_run(const OrgTree& orgs, const std::string& school, int year,
                                  int grade, const std::vector<std::string>& except, Instant at);

// The year a run's id names ("promotion-2026-450102" -> 2026), or 0.
int run_year(const std::string& id);

}  // namespace xueji
