#pragma once
// A run over many students at once: the yearly promotion (Art. 7) and,
// later, a school's graduation (Art. 19). It says which records it takes
// and what it does to each; a journal applies it in batches
// (actors/port/journal.h), each batch recording how far the run got, so a
// run interrupted by a crash is resumed by running it again and changes no
// record twice.

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
  std::string kind;   // "promotion"
  std::string scope;  // an org code: the records of schools under it ("" = all)
  // The schools it covers: with `listed`, exactly `schools` (in code order:
  // the schools the org tree holds under `scope`); otherwise every school
  // whose code starts with `scope` (a scope the tree does not know, such as
  // the bench's "45" on a database without orgs).
  bool listed = false;
  std::vector<std::string> schools;
  // The records it takes, at a school it covers: in one of `grades`, or in
  // an extra grade at one of that grade's schools; with one of `statuses`.
  std::vector<int> grades;
  std::vector<RunExtraGrade> extra_grades;
  std::vector<StudentStatus> statuses;
  int grade_step = 0;  // what it adds to the grade
  Instant at;
  int batch = 10000;  // records per transaction
};

// Whether `run` covers `school` (listed, or under its code prefix).
bool covers(const StudentRun& run, const std::string& school);
// Whether `run` takes a record in `grade` at `school` (a school it covers),
// whatever the record's status.
bool takes_grade(const StudentRun& run, const std::string& school, int grade);
// Whether `run` takes `student`: takes_grade() and one of its statuses.
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
// with it. Its id is "promotion-<year>-<scope or all>": the same year and
// scope is the same run. Errors: "invalid_field" for a scope that is not an
// org code, a year outside 2000-2100.
Result<StudentRun> promotion_run(const OrgTree& orgs, const std::string& scope, int year,
                                 Instant at);

// The year a run's id names ("promotion-2026-450102" -> 2026), or 0.
int run_year(const std::string& id);

}  // namespace xueji
