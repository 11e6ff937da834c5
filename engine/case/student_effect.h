#pragma once
// What a case event does to the student's record: opening a transfer marks
// the student transfer_pending; completion sets the status the rules name
// and, for a transfer, the new school. The journal commits it with the
// transition; the simulator applies it to its in-memory registry.
//
// A change is a compare-and-set on what the case's decision rests on,
// checked where it is written (in the commit's transaction): the student
// must still be at the school the case was opened at (but for a death,
// which is a fact wherever the record is), and the new status
// must be one the status machine allows from the status the record holds
// now (student.h). Only the fields the case changes are written, so a
// grade moved by a promotion while a transfer was pending stays moved.
// When the check fails, the case is superseded instead (SupersedeCase).

#include <map>
#include <optional>
#include <string>

#include "engine/case/case_event.h"
#include "engine/case/case_state.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/student/student.h"

namespace xueji {

struct StudentEffect {
  std::string registration_number;
  std::string status;     // "" = unchanged
  std::string school;     // "" = unchanged
  std::string if_school;  // "" = any: the school the case was opened at
  std::string case_id;    // who changes it (for the record's history)
  // Record fields it writes (engine/student/record_fields.h), and the
  // values they must still hold: those the case saw when it opened.
  std::map<std::string, std::string> fields;
  std::map<std::string, std::string> if_fields;
  Instant at;  // when: the record's history dates each value by it
};

// The effect of `event` on the subject of `after` (the case's state once
// the event is folded), if any.
std::optional<StudentEffect> student_effect(const CaseEvent& event, const CaseState& after);

// Whether `change` rests on the school its case was opened at: every change
// but a death, which is a fact wherever the record has moved (Art. 21).
bool bound_to_school(const StudentEffect& change);

// The successor of each school that merged or closed (Art. 12,
// Org::successor), by the school's code: a record at a school's successor
// rests at that school as far as a case opened there is concerned (both are
// the org acting for it), so a merger moves no open case's ground.
using SchoolSuccessors = std::map<std::string, std::string, std::less<>>;

// Whether `change` may still be applied to the record as it is `now`.
// Errors: "student_changed", naming the student, what the case expected and
// what the record holds.
Status check_student_change(const Student& now, const StudentEffect& change,
                            const SchoolSuccessors& successors = {});

// check_student_change(), then the change made to `record` (its status,
// school and named fields): what a journal and the simulator do with each
// change in order.
Status apply_student_change(Student& record, const StudentEffect& change,
                            const SchoolSuccessors& successors = {});

}  // namespace xueji
