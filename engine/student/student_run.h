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
#include "engine/student/student.h"

namespace xueji {

struct StudentRun {
  std::string id;     // names the run: the same id resumes it
  std::string kind;   // "promotion"
  std::string scope;  // an org code: the records of schools under it ("" = all)
  // The records it takes: in one of `grades`, with one of `statuses`.
  std::vector<int> grades;
  std::vector<StudentStatus> statuses;
  int grade_step = 0;  // what it adds to the grade
  Instant at;
  int batch = 10000;  // records per transaction
};

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
// 12), which the graduation or the handover to the next stage decides.
// Errors: "invalid_field" for a scope that is not an org code.
Result<StudentRun> promotion_run(const std::string& scope, int year, Instant at);

}  // namespace xueji
