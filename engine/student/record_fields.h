#pragma once
// The fields of a student's record a case may change by name: the base
// fields (Art. 13: name, resident ID, birth date, sex, whose change the
// county must also approve), the grade (Art. 7: repeating or skipping one,
// and moving up a stage, Art. 14), the status (graduation's three
// endings, Art. 19) and the special-needs mark (随班就读, Art. 14). The school changes only by a
// transfer's or a handover's move (student_effect.h), never by name.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/result.h"
#include "engine/student/student.h"

namespace xueji {

// name, resident_id, birth_date, gender, grade, status, special_needs: in
// that order.
const std::vector<std::string>& record_field_names();
bool is_record_field(std::string_view field);
// Art. 13: a change to one of these needs the county as well as the school.
bool is_base_field(std::string_view field);
// A change the school's superior approves as well: a base field (Art. 13)
// or the special-needs mark (Art. 14: 交由上级学籍管理部门审批).
bool superior_approves_change_of(std::string_view field);

// The field's value in `student` as text (a grade "4", a date "2014-09-01").
// Precondition: is_record_field(field).
std::string record_field(const Student& student, std::string_view field);

// `value` checked as a value of `field`, and written into `student`:
// a name of 1-50 characters, a valid resident ID (GB 11643), a date,
// male/female, a grade 1-12, a status, true/false for the mark. With `today`, no date (the birth
// date, the ID's) may come after it; without, the value was checked so
// when it was proposed and is only written now.
// Errors: "invalid_field" naming the field and the value.
Status set_record_field(Student& student, std::string_view field, const std::string& value,
                        std::optional<Date> today = std::nullopt);

// Whether `student` is consistent once changed: a record with a resident ID
// has that ID's birth date and sex (GB 11643). Errors: "invalid_field".
Status check_record_agrees_with_id(const Student& student, Date today);

}  // namespace xueji
