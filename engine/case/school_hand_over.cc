// HandOverSchool (case_command.h): a school the case names merged or
// closed (Art. 12), and its successor acts for it from now on. The case
// goes on where it was, with the successor in the school's place; its
// deadlines stay as they were (the successor takes over the time left, as
// a holder after an escalation does, not a fresh period). A transfer into
// a school that closed, its records kept by the department above it, can
// no longer complete, and ends as superseded; so does the school's own
// termly check.

#include "engine/case/school_hand_over.h"

#include "engine/case/command_handlers.h"

namespace xueji {

bool names_school(const CaseState& state, const std::string& school) {
  if (state.status != CaseStatus::open && state.status != CaseStatus::in_term) return false;
  for (const auto& s : state.steps) {
    const bool live = s.status == StepStatus::waiting || s.status == StepStatus::active;
    if (live && (s.plan.org == school || s.holder == school)) return true;
  }
  for (const auto& [name, value] : state.fields) {
    if (name.find("school") != std::string::npos && value == school) return true;
  }
  const PlannedEffects& effects = state.effects;
  return state.opened_by == school || state.student_school_before == school ||
         effects.informed_org == school || effects.term_org == school ||
         (effects.term_review && effects.term_review->org == school);
}

Result<Events> hand_over_school(const CaseState& state, const HandOverSchool& cmd, Instant now) {
  if (!names_school(state, cmd.school)) {
    return make_error("not_concerned", "case '" + state.id + "' does not name school " +
                                           cmd.school + ", which " + cmd.change + "d");
  }
  // A school's own case (its termly check, Art. 25) ends with the school:
  // its roster is its successor's, checked in the successor's own case.
  if (state.subject == cmd.school && state.status == CaseStatus::open) {
    return supersede_case(state,
                          SupersedeCase{"school " + cmd.school + " " + cmd.change +
                                        "d (Art. 12): its roster is " + cmd.successor + "'s"},
                          now);
  }
  auto to_school = state.fields.find("to_school");
  if (cmd.records_to.empty() && state.status == CaseStatus::open &&
      to_school != state.fields.end() && to_school->second == cmd.school) {
    CaseEvent done = completion(state, "superseded", now);
    done.note = "school " + cmd.school + " closed, its records kept by " + cmd.successor +
                " (Art. 12): nobody can move into it";
    // Nothing else changed the record: the status it had while the case
    // was open is given back, as a withdrawal gives it.
    if (!state.effects.status_while_open.empty()) done.student_status = state.student_status_before;
    return Events{done};
  }
  CaseEvent e = new_event(CaseEventType::handed_over, now);
  e.from_org = cmd.school;
  e.to_org = cmd.successor;
  e.school = cmd.records_to;
  e.note = cmd.change;
  const StepState* active = state.status == CaseStatus::open ? state.active() : nullptr;
  // The active step that was the school's: its holder now (the successor,
  // or the org it was escalated to) and the date that holder has.
  if (active != nullptr && active->plan.org == cmd.school) {
    e.step = active->plan.step;
    e.org = active->holder == cmd.school ? cmd.successor : active->holder;
    e.due = active->holder_due;
  }
  return Events{e};
}

}  // namespace xueji
