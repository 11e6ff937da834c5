#include "engine/simulation/simulation.h"

#include "engine/case/student_effect.h"

namespace xueji {
namespace {

NewStudent to_new_student(const ScenarioStudent& s) {
  NewStudent n;
  n.resident_id = s.resident_id;
  n.name = s.name;
  n.school = s.school;
  n.grade = s.grade;
  return n;
}

}  // namespace

Simulation::Simulation(const RuleSet& rules, const OrgTree& orgs, const CalendarSet& calendars)
    : context_{rules, orgs, calendars} {}

Result<std::vector<SimulationLine>> Simulation::run(const Scenario& scenario) {
  const Date today = scenario.timeline.empty() ? scenario.run_until.beijing_date()
                                               : scenario.timeline.front().at.beijing_date();
  for (const auto& s : scenario.students) {
    auto refuse = [&](const std::string& why) {
      return make_error("invalid_file", scenario.file + ":" + std::to_string(s.line) + ": " + why);
    };
    const Org* school = context_.orgs.find(s.school);
    if (school == nullptr || school->level != OrgLevel::school) {
      return refuse("school '" + s.school + "' is not a known school");
    }
    auto student = students_.register_student(to_new_student(s), today);
    if (!student) return refuse(student.error().message);
    if (!s.status.empty() && s.status != "enrolled") {
      auto status = parse_student_status(s.status);
      if (!status) return refuse(status.error().message);
      auto changed = students_.change_status(student->registration_number, *status);
      if (!changed) return refuse(changed.error().message);
    }
  }

  std::vector<SimulationLine> out;
  size_t next_action = 0;
  for (;;) {
    const auto timer = next_timer();
    const bool action_left = next_action < scenario.timeline.size();
    // A timer due at the same instant as a request fires first: a decision
    // at 24:00 on the due day is already late.
    if (timer && timer->first.at <= scenario.run_until &&
        (!action_left || timer->first.at <= scenario.timeline[next_action].at)) {
      const DueTimer& t = timer->first;
      if (t.kind == DueTimer::Kind::reminder) {
        apply(timer->second, t.at, ReminderDue{t.step, t.at}, out);
      } else {
        apply(timer->second, t.at, DeadlineReached{t.step, t.at}, out);
      }
      continue;
    }
    if (action_left && scenario.timeline[next_action].at <= scenario.run_until) {
      perform(scenario.timeline[next_action++], out);
      continue;
    }
    break;
  }
  return out;
}

std::optional<std::pair<DueTimer, std::string>> Simulation::next_timer() const {
  std::optional<std::pair<DueTimer, std::string>> best;
  for (const auto& [ref, state] : cases_) {
    auto t = state.next_timer();
    if (t && (!best || t->at < best->first.at)) best = std::make_pair(*t, ref);
  }
  return best;
}

void Simulation::perform(const ScenarioAction& a, std::vector<SimulationLine>& out) {
  auto refuse = [&](Error e) {
    out.push_back(SimulationLine{a.at, a.case_ref, {}, {}, std::move(e)});
  };
  switch (a.kind) {
    case ScenarioAction::Kind::register_student: {
      const Org* school = context_.orgs.find(a.new_student.school);
      if (school == nullptr || school->level != OrgLevel::school) {
        refuse(make_error("unknown_org",
                          "school '" + a.new_student.school + "' is not a known school"));
        return;
      }
      auto student = students_.register_student(to_new_student(a.new_student), a.at.beijing_date());
      if (!student) {
        refuse(student.error());
        return;
      }
      out.push_back(SimulationLine{a.at, "", {}, student->registration_number, {}});
      return;
    }
    case ScenarioAction::Kind::open: {
      OpenCase open;
      open.kind = a.case_kind;
      open.by = a.by;
      open.fields = a.fields;
      if (!a.student.empty()) {
        const Student* s = students_.find(a.student);
        if (s == nullptr) {
          refuse(make_error("unknown_student", "no registration '" + a.student + "'"));
          return;
        }
        open.student = *s;
      } else {
        // Art. 11: deferral is for a child not yet registered.
        if (const Student* s = students_.find_by_resident_id(a.child)) {
          refuse(make_error("rule_refused", "the child " + a.child + " is already registered as " +
                                                s->registration_number + " at " + s->school));
          return;
        }
        open.child_resident_id = a.child;
      }
      if (cases_.count(a.case_ref) == 0) cases_[a.case_ref].id = a.case_ref;
      apply(a.case_ref, a.at, open, out);
      if (cases_[a.case_ref].status == CaseStatus::none) cases_.erase(a.case_ref);
      return;
    }
    case ScenarioAction::Kind::decide:
    case ScenarioAction::Kind::withdraw: {
      if (cases_.count(a.case_ref) == 0) {
        refuse(make_error("unknown_case", "no case '" + a.case_ref + "'"));
        return;
      }
      if (a.kind == ScenarioAction::Kind::decide) {
        apply(a.case_ref, a.at, DecideStep{a.step, a.by, a.decision, a.note}, out);
      } else {
        apply(a.case_ref, a.at, WithdrawCase{a.by}, out);
      }
      return;
    }
  }
}

void Simulation::apply(const std::string& ref, const Instant& now, const CaseCommand& command,
                       std::vector<SimulationLine>& out) {
  CaseState& state = cases_[ref];
  auto events = decide(state, command, now, context_);
  if (!events) {
    out.push_back(SimulationLine{now, ref, {}, {}, events.error()});
    return;
  }
  // As the journal does in its transaction: a case whose student's record
  // moved on under it (student_effect.h) is superseded instead.
  if (Status fits = check_effects(state, *events); !fits) {
    events = decide(state, SupersedeCase{fits.error().message}, now, context_);
    if (!events) {
      out.push_back(SimulationLine{now, ref, {}, {}, events.error()});
      return;
    }
  }
  std::string closed_subject;
  for (const auto& e : *events) {
    state = evolve(std::move(state), e);
    out.push_back(SimulationLine{e.at, ref, e, {}, {}});
    auto effect = student_effect(e, state);
    if (!effect || students_.find(effect->registration_number) == nullptr) continue;
    // check_effects() passed them: a refusal here is a registry bug, shown.
    if (!effect->school.empty()) {
      auto moved = students_.move_school(effect->registration_number, effect->school);
      if (!moved) out.push_back(SimulationLine{e.at, ref, {}, {}, moved.error()});
    }
    if (!effect->status.empty()) {
      auto changed = students_.change_status(effect->registration_number,
                                             *parse_student_status(effect->status));
      if (!changed) out.push_back(SimulationLine{e.at, ref, {}, {}, changed.error()});
      if (changed && is_closed(changed->status)) closed_subject = effect->registration_number;
    }
  }
  // A closed record ends the student's other open cases, as the runtime does.
  if (closed_subject.empty()) return;
  for (auto& [other_ref, other] : cases_) {
    if (other_ref == ref || other.subject != closed_subject || other.status != CaseStatus::open)
      continue;
    apply(other_ref, now,
          SupersedeCase{"the record of " + closed_subject + " was closed by case " + state.id},
          out);
  }
}

Status Simulation::check_effects(const CaseState& before,
                                 const std::vector<CaseEvent>& events) const {
  CaseState state = before;
  std::map<std::string, Student> records;  // as the events leave them
  for (const auto& e : events) {
    state = evolve(std::move(state), e);
    auto effect = student_effect(e, state);
    if (!effect) continue;
    auto it = records.find(effect->registration_number);
    if (it == records.end()) {
      const Student* found = students_.find(effect->registration_number);
      if (found == nullptr) continue;
      it = records.emplace(effect->registration_number, *found).first;
    }
    if (Status fits = apply_student_change(it->second, *effect); !fits) return fits;
  }
  return Status();
}

}  // namespace xueji
