#include "engine/simulation/simulation.h"

#include "engine/case/archive_duty.h"
#include "engine/case/deferral_history.h"
#include "engine/case/leave_follow_up.h"
#include "engine/case/record_followed.h"
#include "engine/case/student_effect.h"
#include "engine/student/registration_number.h"
#include "engine/student/reopening.h"

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
    numbers_.insert(student->registration_number);
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
      register_student(a, out);
      return;
    }
    case ScenarioAction::Kind::run:
      run_students(a, out);
      return;
    case ScenarioAction::Kind::correct:
      correct(a, out);
      return;
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
        // Art. 16: a leave for a student on leave renews their current one.
        std::vector<CaseState> theirs;
        for (const auto& entry : cases_) {
          if (entry.second.subject == s->registration_number) theirs.push_back(entry.second);
        }
        set_renewed_leave(open, theirs);
      } else if (!a.child.empty()) {
        // Art. 11: deferral is for a child not yet registered.
        if (const Student* s = students_.find_by_resident_id(a.child)) {
          refuse(make_error("rule_refused", "the child " + a.child + " is already registered as " +
                                                s->registration_number + " at " + s->school));
          return;
        }
        open.child_resident_id = a.child;
        // Art. 11: a deferral applied for again after one ran its year.
        std::vector<CaseState> theirs;
        for (const auto& entry : cases_) {
          if (entry.second.subject == a.child) theirs.push_back(entry.second);
        }
        open.deferred_years = deferred_school_years(theirs);
      }
      open_case(a.case_ref, a.at, open, out);
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
  const bool was_in_review = in_term_end_review(state);
  auto events = decide(state, command, now, context_);
  if (!events) {
    out.push_back(SimulationLine{now, ref, {}, {}, events.error()});
    return;
  }
  // As the journal does in its transaction: a case whose student's record
  // moved on under it (student_effect.h) is superseded instead.
  if (Status fits = check_effects(state, *events); !fits) {
    events = decide(state, SupersedeCase{fits.error().message, *events}, now, context_);
    if (!events) {
      out.push_back(SimulationLine{now, ref, {}, {}, events.error()});
      return;
    }
  }
  std::string closed_subject;
  std::optional<RecordFollowed> followed;
  for (const auto& e : *events) {
    state = evolve(std::move(state), e);
    out.push_back(SimulationLine{e.at, ref, e, {}, {}});
    auto effect = student_effect(e, state);
    const Student* record = effect ? students_.find(effect->registration_number) : nullptr;
    if (record == nullptr) continue;
    // As a journal writes it in the commit's transaction: the status, the
    // school and every field the case writes, at once (check_effects()
    // passed them: a refusal here is a registry bug, shown).
    Student after = *record;
    Status applied = apply_student_change(after, *effect);
    auto replaced = applied ? students_.replace(after) : Result<Student>(applied.error());
    if (!replaced) {
      out.push_back(SimulationLine{e.at, ref, {}, {}, replaced.error()});
      continue;
    }
    if (!effect->school.empty() && !effect->if_school.empty() &&
        effect->school != effect->if_school) {
      followed = RecordFollowed{effect->if_school, effect->school, state.id};
    }
    if (!effect->status.empty() && is_closed(replaced->status)) {
      closed_subject = effect->registration_number;
    }
  }
  // Art. 7: an approval that moves the student or writes the record owes
  // the school an archive_update, opened at once (engine/case/archive_duty.h).
  if (auto duty = archive_duty_after_case(*events, state)) {
    open_archive_step(duty->kind, duty->subject, ref + "." + duty->kind, duty->owed_since, out);
  }
  // Art. 16: a resume or a renewal follows the student's leave up, as the
  // runtime does (leave_follow_up.h); only the leaves it concerns are asked.
  if (auto follow = leave_follow_up(was_in_review, state, *events)) {
    for (auto& [other_ref, other] : cases_) {
      if (other_ref != ref && other.subject == state.subject && concerns(*follow, other))
        apply(other_ref, now, *follow, out);
    }
  }
  // Art. 12, 17: the record followed the student, as the runtime tells
  // the student's other open cases; only those that end then take it.
  if (followed && closed_subject.empty()) {
    for (auto& [other_ref, other] : cases_) {
      if (other.subject == state.subject && ends_when_followed(other, *followed, context_.rules))
        apply(other_ref, now, *followed, out);
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

void Simulation::open_case(const std::string& ref, const Instant& now, const OpenCase& open,
                           std::vector<SimulationLine>& out) {
  if (cases_.count(ref) == 0) cases_[ref].id = ref;
  apply(ref, now, open, out);
  if (cases_[ref].status == CaseStatus::none) cases_.erase(ref);
}

void Simulation::open_archive_step(const std::string& kind, const std::string& number,
                                   const std::string& ref, Instant since,
                                   std::vector<SimulationLine>& out) {
  const Student* record = students_.find(number);
  if (record == nullptr) {
    out.push_back(SimulationLine{
        since, ref, {}, {}, make_error("unknown_student", "no registration '" + number + "'")});
    return;
  }
  // A ref already taken (a record reopened twice) gets the next free suffix.
  std::string free_ref = ref;
  for (int n = 2; cases_.count(free_ref) != 0; ++n) free_ref = ref + "." + std::to_string(n);
  // As the server opens it (actors/archive_opening.cc): at the record's
  // school, for it, its period running from the operation that owes it.
  OpenCase command{kind, record->school, {}, *record, ""};
  command.since = since;
  open_case(free_ref, since, command, out);
}

void Simulation::register_student(const ScenarioAction& a, std::vector<SimulationLine>& out) {
  auto refuse = [&](Error e) { out.push_back(SimulationLine{a.at, "", {}, {}, std::move(e)}); };
  const ScenarioStudent& asked = a.new_student;
  // Art. 8: a person whose record is closed gets that record back.
  const Student* archived =
      asked.resident_id.empty() ? nullptr : students_.find(g_number(asked.resident_id));
  if (archived != nullptr && is_closed(archived->status)) {
    StudentRegistry scratch;  // validates the request as a first registration would
    auto validated = scratch.register_student(to_new_student(asked), a.at.beijing_date());
    if (!validated) return refuse(validated.error());
    auto reopened = reopen_record(*archived, *validated);
    if (!reopened) return refuse(reopened.error());
    auto back = students_.reopen(*reopened);
    if (!back) return refuse(back.error());
    SimulationLine line{a.at, "", {}, back->registration_number, {}};
    line.reopened = true;
    out.push_back(std::move(line));
  } else {
    auto student = students_.register_student(to_new_student(asked), a.at.beijing_date());
    if (!student) return refuse(student.error());
    numbers_.insert(student->registration_number);
    out.push_back(SimulationLine{a.at, "", {}, student->registration_number, {}});
  }
  // Art. 6: two months to build a new record's archive; Art. 7: one to
  // update a returning person's.
  const std::string& number = out.back().registered;
  const std::string kind = archive_kind_after_registration(out.back().reopened);
  open_archive_step(kind, number, number + "." + kind, a.at, out);
}

}  // namespace xueji
