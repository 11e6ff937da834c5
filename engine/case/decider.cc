#include "engine/case/decider.h"

#include <string>
#include <utility>
#include <variant>

#include "engine/case/command_handlers.h"
#include "engine/case/leave_follow_up.h"

namespace xueji {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

StepState* mutable_step(CaseState& state, const std::string& name) {
  for (auto& s : state.steps) {
    if (s.plan.step == name) return &s;
  }
  return nullptr;
}

void fold_opened(CaseState& state, const CaseEvent& e) {
  state.status = CaseStatus::open;
  state.kind = e.kind;
  state.rule_version = e.rule_version;
  state.province = e.province;
  state.subject = e.subject;
  state.opened_by = e.by;
  state.fields = e.fields;
  state.opened_at = e.at;
  state.student_status_before = e.student_status;
  state.student_school_before = e.school;
  state.record_before = e.record;
  state.effects = e.effects;
  state.steps.clear();
  for (const auto& plan : e.plan) {
    StepState s;
    s.plan = plan;
    state.steps.push_back(std::move(s));
  }
}

void fold_step_activated(CaseState& state, const CaseEvent& e) {
  // A leave's end-of-term review (Art. 16) opens the case again with the
  // step its event carries, which the plan made at opening did not have.
  state.status = CaseStatus::open;
  if (!e.plan.empty() && state.find_step(e.step) == nullptr) {
    StepState review;
    review.plan = e.plan.front();
    state.steps.push_back(std::move(review));
  }
  for (size_t i = 0; i < state.steps.size(); ++i) {
    if (state.steps[i].plan.step == e.step) state.active_step = static_cast<int>(i);
  }
  StepState& s = state.steps[static_cast<size_t>(state.active_step)];
  s.status = StepStatus::active;
  s.activated_at = e.at;
  s.due = e.due;
  s.provisional = e.provisional;
  s.reminder_at = e.reminder_at;
  s.holder = e.org;
  s.holder_due = e.due;
  s.holder_deadline = e.deadline;
  s.holder_provisional = e.provisional;
  s.holder_from.reset();
}

void fold_completed(CaseState& state, const CaseEvent& e) {
  // A leave's review met (Art. 16) closes it with the term it had.
  const bool review_met = in_term_end_review(state);
  state.outcome = e.outcome;
  state.completed_at = e.at;
  for (auto& s : state.steps) {
    if (s.status == StepStatus::waiting || s.status == StepStatus::active) {
      s.status = StepStatus::cancelled;
      s.holder_deadline.reset();
    }
  }
  state.active_step = -1;
  if (review_met) {
    state.status = CaseStatus::closed;
    return;
  }
  state.term_ends = e.term_ends;
  state.status = e.term_ends ? CaseStatus::in_term : CaseStatus::closed;
}

// Art. 12: every place the case named the school names its successor; the
// school the record rests on, only where the records went.
void fold_handed_over(CaseState& state, const CaseEvent& e) {
  auto hand_over = [&](std::string& org) {
    if (org == e.from_org) org = e.to_org;
  };
  hand_over(state.opened_by);  // it may withdraw, and is told of the outcome
  for (auto& s : state.steps) {
    hand_over(s.plan.org);
    hand_over(s.holder);
  }
  for (auto& [name, value] : state.fields) {
    if (name.find("school") != std::string::npos) hand_over(value);
  }
  hand_over(state.effects.informed_org);
  hand_over(state.effects.term_org);
  if (state.effects.term_review) hand_over(state.effects.term_review->org);
  if (!e.school.empty() && state.student_school_before == e.from_org) {
    state.student_school_before = e.school;
  }
}

}  // namespace

Result<std::vector<CaseEvent>> decide(const CaseState& state, const CaseCommand& command,
                                      Instant now, const DecisionContext& context) {
  return std::visit(
      Overloaded{
          [&](const OpenCase& c) { return open_case(state, c, now, context); },
          [&](const DecideStep& c) { return decide_step(state, c, now, context); },
          [&](const WithdrawCase& c) { return withdraw_case(state, c, now); },
          [&](const SupersedeCase& c) { return supersede_case(state, c, now); },
          [&](const DeadlineReached& c) { return deadline_reached(state, c, now, context); },
          [&](const ReminderDue& c) { return reminder_due(state, c, now); },
          [&](const FollowUpLeave& c) { return follow_up_leave(state, c, now); },
          [&](const RedateProvisional&) { return redate_provisional(state, now, context); },
          [&](const RecordFollowed& c) { return record_followed(state, c, now, context); },
          [&](const HandOverSchool& c) { return hand_over_school(state, c, now); },
      },
      command);
}

CaseState evolve(CaseState state, const CaseEvent& e) {
  ++state.event_count;
  switch (e.type) {
    case CaseEventType::opened:
      fold_opened(state, e);
      break;
    case CaseEventType::step_activated:
      fold_step_activated(state, e);
      break;
    case CaseEventType::reminded:
      if (StepState* s = mutable_step(state, e.step)) s->reminded = true;
      break;
    case CaseEventType::escalated:
      if (StepState* s = mutable_step(state, e.step)) {
        s->holder_from = s->holder_due;  // the follow-up counts from the date missed
        s->holder = e.to_org;
        s->holder_due = e.due;
        s->holder_deadline = e.deadline;
        s->holder_provisional = e.provisional;
        s->escalated_to.push_back(e.to_org);
      }
      break;
    case CaseEventType::decided:
      if (StepState* s = mutable_step(state, e.step)) {
        s->status = e.decision == "approve" ? StepStatus::approved : StepStatus::rejected;
        s->decision = e.decision;
        s->decided_by = e.org;
        s->decided_at = e.at;
        s->holder_deadline.reset();
      }
      state.active_step = -1;
      break;
    case CaseEventType::completed:
      fold_completed(state, e);
      break;
    case CaseEventType::term_ended:
      state.status = CaseStatus::closed;
      break;
    case CaseEventType::handed_over:
      fold_handed_over(state, e);
      break;
    case CaseEventType::redated:
      if (StepState* s = mutable_step(state, e.step)) {
        s->holder_due = e.due;
        s->holder_deadline = e.deadline;
        s->holder_provisional = e.provisional;
        if (s->escalated_to.empty()) {  // the party's own date
          s->due = e.due;
          s->provisional = e.provisional;
          if (!s->reminded) s->reminder_at = e.reminder_at;
        }
      }
      break;
  }
  return state;
}

CaseState replay(const std::string& case_id, const std::vector<CaseEvent>& events) {
  CaseState state;
  state.id = case_id;
  for (const auto& e : events) state = evolve(std::move(state), e);
  return state;
}

}  // namespace xueji
