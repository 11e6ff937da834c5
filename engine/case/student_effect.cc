#include "engine/case/student_effect.h"

#include "engine/student/record_fields.h"

namespace xueji {

std::optional<StudentEffect> student_effect(const CaseEvent& e, const CaseState& after) {
  StudentEffect effect{after.subject, "", "", after.student_school_before, after.id, {}, {}, e.at};
  if (e.type == CaseEventType::opened && !e.effects.status_while_open.empty()) {
    effect.status = e.effects.status_while_open;
    return effect;
  }
  if (e.type == CaseEventType::completed &&
      (!e.student_status.empty() || !e.school.empty() || !e.record.empty())) {
    effect.status = e.student_status;
    effect.school = e.school;
    effect.fields = e.record;
    // An approval rests on the values its proposals replace.
    if (e.outcome == "approved") effect.if_fields = after.record_before;
    return effect;
  }
  return std::nullopt;
}

bool bound_to_school(const StudentEffect& change) {
  return !change.if_school.empty() && change.status != "deceased";
}

namespace {

const std::string& acting_for(const std::string& school, const SchoolSuccessors& successors) {
  auto it = successors.find(school);
  return it == successors.end() ? school : it->second;
}

}  // namespace

Status check_student_change(const Student& now, const StudentEffect& change,
                            const SchoolSuccessors& successors) {
  const std::string who = "student " + change.registration_number;
  if (bound_to_school(change) && now.school != change.if_school &&
      acting_for(now.school, successors) != acting_for(change.if_school, successors)) {
    return make_error("student_changed", who + " is now at school " + now.school + ", not at " +
                                             change.if_school + " where case " + change.case_id +
                                             " was opened");
  }
  for (const auto& [field, was] : change.if_fields) {
    const std::string holds = record_field(now, field);
    if (holds != was) {
      return make_error("student_changed", who + "'s " + field + " is now '" + holds + "', not '" +
                                               was + "' as when case " + change.case_id +
                                               " was opened");
    }
  }
  if (change.status.empty()) return Status();
  auto to = parse_student_status(change.status);
  if (!to) return to.error();
  if (Status legal = check_status_change(now.status, *to); !legal) {
    return make_error("student_changed", who + " is now " + std::string(to_string(now.status)) +
                                             "; case " + change.case_id + " cannot make it " +
                                             change.status + " (" + legal.error().message + ")");
  }
  return Status();
}

Status apply_student_change(Student& record, const StudentEffect& change,
                            const SchoolSuccessors& successors) {
  if (Status fits = check_student_change(record, change, successors); !fits) return fits;
  if (!change.school.empty()) record.school = change.school;
  for (const auto& [field, value] : change.fields) {
    if (Status set = set_record_field(record, field, value); !set) return set;
  }
  // check_student_change() parsed it.
  if (!change.status.empty()) record.status = parse_student_status(change.status).value();
  return Status();
}

}  // namespace xueji
