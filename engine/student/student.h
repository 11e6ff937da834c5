#pragma once
// A student's registration record, its stage, and the status machine.

#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/result.h"
#include "engine/student/resident_id.h"

namespace xueji {

// Primary: grades 1-6; junior: 7-9; senior high: 10-12. Compulsory
// education is grades 1-9 (Art. 18 refuses withdrawal there).
enum class Stage { primary, junior, senior };
std::string_view to_string(Stage stage);
Result<Stage> stage_of_grade(int grade);  // "invalid_grade" outside 1..12
inline bool is_compulsory_grade(int grade) { return grade >= 1 && grade <= 9; }

// Deferred children (Art. 11) have no registration yet; the status exists so
// a registry that imports them can say so. A closed record says why it
// closed: deceased (Art. 21), withdrawn (Art. 18), or at the end of a stage
// graduated, completed (结业) or incomplete (肄业) (Art. 19);
// `deregistered` is what records closed before that distinction hold.
enum class StudentStatus {
  enrolled,
  on_leave,
  transfer_pending,
  deregistered,
  graduated,
  abroad,
  deferred,
  deceased,
  withdrawn,
  completed,
  incomplete,
  // Art. 11: at a specialised school (专门学校); the record stays at its own
  // school, which takes the student back into the grade it and its county set.
  specialised_school
};
std::string_view to_string(StudentStatus status);
Result<StudentStatus> parse_student_status(std::string_view text);
// A closed record is final: its archive is kept and its resident ID is free.
bool is_closed(StudentStatus status);
// Every status, and those is_closed() says are closed (what a store's
// queries list).
const std::vector<StudentStatus>& all_student_statuses();
std::vector<StudentStatus> closed_statuses();

// The legal changes of status:
//   enrolled         -> on_leave, transfer_pending, abroad, specialised_school,
//                       graduated, completed, incomplete (Art. 19), or closed
//   on_leave         -> enrolled, or closed
//   transfer_pending -> enrolled, or closed
//   abroad           -> enrolled, or closed
//   specialised_school -> enrolled (back at its school, Art. 11), or closed
//   deferred         -> enrolled (first enrolment)
//   graduated, completed -> enrolled: the next stage's school takes the
//                       record over (Art. 14), with the same number (Art. 8)
//   deceased, withdrawn, deregistered, incomplete: final
// ("or closed": deceased, withdrawn or deregistered)
// A change to the same status is not a change and is refused.
// Errors: "illegal_status_change", naming both statuses.
Status check_status_change(StudentStatus from, StudentStatus to);
// Every status from which the machine allows `to`: what a store's
// compare-and-set lets a write to `to` replace.
std::vector<StudentStatus> statuses_leading_to(StudentStatus to);

struct Student {
  std::string registration_number;
  std::string resident_id;  // "" for a J number
  std::string name;
  std::string school;  // 10-digit school identifier
  int grade = 0;
  StudentStatus status = StudentStatus::enrolled;
  Date birth_date;
  Gender gender = Gender::male;
  // Art. 14's 特殊教育学生 outside a special-education school: a student with
  // special educational needs learning in an ordinary class (随班就读). The
  // mark is set and cleared only by an info_change resting on the expert
  // committee's assessment, and makes the assessment govern the student's
  // grade, graduation and next stage as at a special-education school
  // (engine/case/special_education.h).
  bool special_needs = false;
};

// The name as a view for parents may show it (Art. 15) and an export may
// carry it (Art. 24): the first character kept, every other one '*',
// counting UTF-8 code points ("张三丰" -> "张**").
std::string mask_name(std::string_view utf8_name);

}  // namespace xueji
