#pragma once
// A run over many students (engine/student/student_run.h) as SQL: one
// batch per transaction, with the run's progress row in the same one.

#include <soci/soci.h>

#include "engine/student/student_run.h"

namespace xueji::store {

// One batch of `run` past its recorded progress, in one transaction.
// Throws on a database error (the batch then changed nothing).
RunProgress run_student_batch(soci::session& sql, bool postgresql, const StudentRun& run);

}  // namespace xueji::store
