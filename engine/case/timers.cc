// Timer commands: a step's deadline, its reminder, a term's end. Whoever runs
// the clock (the case actor, the simulator) arms them from
// CaseState::next_timer() and may deliver one after the state moved on, so
// each is checked against the state it was armed for.

#include <optional>
#include <string>

#include "engine/case/command_handlers.h"
#include "engine/case/step_activation.h"

namespace xueji {
namespace {

Error stale(const CaseState& state, const std::string& what, Instant armed_for) {
  return make_error("stale_timer", "case '" + state.id + "': no " + what + " is due at " +
                                       armed_for.to_string() + "; the timer is stale");
}

// A timer never runs before the instant it was armed for.
std::optional<Error> fired_early(Instant armed_for, Instant now) {
  if (now >= armed_for) return std::nullopt;
  return make_error("timer_early",
                    "a timer armed for " + armed_for.to_string() + " fired at " + now.to_string());
}

// The review a case opened before plans carried it owes: the rules' now.
std::optional<PlannedStep> review_from_rules(const CaseState& state, const DecisionContext& ctx) {
  const CaseKindRules* rules = ctx.rules.find(state.kind, state.province);
  if (rules == nullptr || !rules->term || !rules->term->review) return std::nullopt;
  const StepRule& review = *rules->term->review;
  return PlannedStep{review.step,
                     review.party,
                     state.effects.term_org,
                     review.deadline,
                     review.reminder_working_days_before,
                     review.follow_up,
                     review.article.empty() ? rules->article : review.article};
}

// The term's end tells its org; where the kind's rules give a review (a
// leave, Art. 16), that org gets a step to resume the student or take a
// renewal, with a deadline and escalation like any step, so the record is
// never left on leave with nothing to follow (空挂, Art. 25). The review is
// the one the case planned at opening; a case opened before plans carried
// it reads it from the rules in force at the end. Either way its event
// carries it, so replay needs no rules.
Result<Events> term_end_reached(const CaseState& state, const DeadlineReached& cmd,
                                const DecisionContext& ctx) {
  if (state.status != CaseStatus::in_term || state.term_ends != cmd.armed_for) {
    return stale(state, "term end", cmd.armed_for);
  }
  CaseEvent ended = new_event(CaseEventType::term_ended, cmd.armed_for);
  ended.org = state.effects.term_org;
  ended.subject = state.subject;
  std::optional<PlannedStep> planned = state.effects.term_review;
  if (!planned) planned = review_from_rules(state, ctx);
  if (!planned) return Events{ended};
  const PlannedStep& plan = *planned;
  CaseEvent activated = activate_step(plan, cmd.armed_for, ctx);
  activated.plan = {plan};
  return Events{ended, activated};
}

// Art. 15 and the requirements: a passed deadline is never silent expiry;
// the step climbs to the holder's superior with its own follow-up deadline.
Result<Events> escalate_to_superior(const CaseState& state, const DeadlineReached& cmd,
                                    const DecisionContext& ctx) {
  const StepState* step = state.status == CaseStatus::open ? state.active() : nullptr;
  if (step == nullptr || step->plan.step != cmd.step || step->holder_deadline != cmd.armed_for) {
    return stale(state, "deadline of step '" + cmd.step + "'", cmd.armed_for);
  }
  const Org* superior = ctx.orgs.superior(step->holder);
  if (superior == nullptr) return stale(state, "escalation above " + step->holder, cmd.armed_for);
  CaseEvent up = new_event(CaseEventType::escalated, cmd.armed_for);
  up.step = cmd.step;
  up.from_org = step->holder;
  up.to_org = superior->code;
  if (step->plan.follow_up) {
    const WorkingDayAnswer due =
        step->plan.follow_up->due_after(*step->holder_due, calendar_for(superior->code, ctx));
    up.due = due.date;
    up.provisional = due.provisional;
    // The ministry is the top: nothing climbs further, so no timer is armed.
    if (superior->level != OrgLevel::ministry) up.deadline = end_of_beijing_day(due.date);
  }
  return Events{up};
}

}  // namespace

Result<Events> deadline_reached(const CaseState& state, const DeadlineReached& cmd, Instant now,
                                const DecisionContext& ctx) {
  if (auto early = fired_early(cmd.armed_for, now)) return *early;
  if (cmd.step.empty()) return term_end_reached(state, cmd, ctx);
  return escalate_to_superior(state, cmd, ctx);
}

Result<Events> reminder_due(const CaseState& state, const ReminderDue& cmd, Instant now) {
  if (auto early = fired_early(cmd.armed_for, now)) return *early;
  const StepState* step = state.status == CaseStatus::open ? state.active() : nullptr;
  if (step == nullptr || step->plan.step != cmd.step || step->reminded ||
      step->reminder_at != cmd.armed_for) {
    return stale(state, "reminder of step '" + cmd.step + "'", cmd.armed_for);
  }
  CaseEvent r = new_event(CaseEventType::reminded, cmd.armed_for);
  r.step = cmd.step;
  r.org = step->plan.org;
  r.due = step->due;
  return Events{r};
}

}  // namespace xueji
