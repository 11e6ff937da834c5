#pragma once
// The month of corrections after a promotion (Art. 7: normal promotion is
// automatic, and the schools then have one month to correct its
// exceptions). Within the month a school may undo the promotion of a
// student who repeats the year; anything else, and anything later, is a
// grade_change case.

#include "engine/calendar/date.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/student/student.h"
#include "engine/student/student_run.h"

namespace xueji {

// The last day a correction of a run made at `run_at` is accepted: the
// run's Beijing date plus one calendar month (2026-09-01 -> 2026-10-01),
// clamped to the month's end (2026-01-31 -> 2026-02-28).
Date corrections_until(Instant run_at);

// Whether the record `now` may have its grade corrected to `grade` under
// `run` on `today`. The rules, in the order they are checked:
//  - `today` is not after corrections_until(run.at) (Art. 7);
//  - the record is live: in a status the run takes;
//  - its school is one the run covered;
//  - `grade` is the record's grade minus one, a grade the run takes at
//    that school: the correction undoes the run's step (the student
//    repeats the year). A record the run left alone, or any other grade
//    (a skipped grade, a typing error), is a grade_change case;
//  - the school's type teaches `grade` (Art. 2, check_grade_at_school).
// Errors: "rule_refused" naming the rule and its article.
Status check_grade_correction(const StudentRun& run, const OrgTree& orgs, const Student& now,
                              int grade, Date today);

}  // namespace xueji
