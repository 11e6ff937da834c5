#pragma once
// One person, one registration number, for life (Art. 8): a person whose
// record is closed and who is registered again gets that record back, not
// a new one.

#include "engine/core/result.h"
#include "engine/student/student.h"

namespace xueji {

// The record `archived` (closed) reopened for `registering` (a validated
// new registration of the same person): withdrawn (Art. 18), graduated
// (Art. 19) or deregistered, it keeps its number and is enrolled at the new
// school and grade. Errors: "record_closed" for a deceased person (Art. 21)
// or a record that is not closed (the caller's race: registered meanwhile).
Result<Student> reopen_record(const Student& archived, const Student& registering);

}  // namespace xueji
