// Re-dating a provisional due date. A step whose due date fell in a year
// whose holiday schedule was not yet published was counted on a provisional
// calendar (engine/calendar/working_day_calendar.h). When the schedule
// arrives (a reload), the same working days from the same activation are
// counted again on the calendar in force. The party keeps every day it was
// told: a re-dated due date is never earlier than the provisional one (a
// schedule's make-up Sunday must not take a day from someone who relied on
// the date). An escalated step's follow-up is re-dated the same way. The
// event carries both dates, and its notice tells the holder.

#include <algorithm>

#include "engine/case/command_handlers.h"
#include "engine/case/step_activation.h"

namespace xueji {
namespace {

Error nothing_to_redate(const CaseState& state, const std::string& why) {
  return make_error("not_provisional", "case '" + state.id + "': " + why);
}

// The redated event for `step`, whose holder was told `told` and which
// counts to `counted` on the calendars in force: never earlier than told.
// None while the count is still the provisional one it was.
Result<CaseEvent> recounted(const CaseState& state, const StepState& step, Date told,
                            const WorkingDayAnswer& counted, Instant now) {
  if (counted.provisional && counted.date == told) {
    return nothing_to_redate(state, "step '" + step.plan.step + "' is still due on " +
                                        told.to_string() + ", its year still provisional");
  }
  CaseEvent e = new_event(CaseEventType::redated, now);
  e.step = step.plan.step;
  e.org = step.holder;
  e.previous_due = told;
  e.due = std::max(counted.date, told);
  e.provisional = counted.provisional;
  e.deadline = end_of_beijing_day(*e.due);
  return e;
}

// Once escalated, the party's own date has passed: what runs is the
// holder's follow-up, counted from the date it missed on the holder's
// calendar (engine/case/timers.cc), re-dated the same way. A step stored
// before it kept where its follow-up counts from is left as it is.
Result<Events> redate_follow_up(const CaseState& state, const StepState& step, Instant now,
                                const DecisionContext& ctx) {
  if (!step.holder_provisional || !step.holder_due || !step.holder_from || !step.plan.follow_up) {
    return nothing_to_redate(state, "step '" + step.plan.step + "', escalated to " + step.holder +
                                        ", has no provisional date to count again");
  }
  auto e = recounted(
      state, step, *step.holder_due,
      step.plan.follow_up->due_after(*step.holder_from, calendar_for(step.holder, ctx)), now);
  if (!e) return e.error();
  // The ministry's follow-up arms no timer (nothing climbs above it).
  if (!step.holder_deadline) e->deadline.reset();
  return Events{*e};
}

}  // namespace

Result<Events> redate_provisional(const CaseState& state, Instant now, const DecisionContext& ctx) {
  const StepState* step = state.status == CaseStatus::open ? state.active() : nullptr;
  if (step == nullptr || !step->due || !step->activated_at) {
    return nothing_to_redate(state, "no step is active");
  }
  if (!step->escalated_to.empty()) return redate_follow_up(state, *step, now, ctx);
  if (!step->provisional) {
    return nothing_to_redate(state, "step '" + step->plan.step + "' is due on " +
                                        step->due->to_string() + ", a published calendar's day");
  }
  const WorkingDayCalendar& calendar = calendar_for(step->plan.org, ctx);
  auto e =
      recounted(state, *step, *step->due,
                step->plan.deadline.due_after(step->activated_at->beijing_date(), calendar), now);
  if (!e) return e.error();
  if (step->plan.reminder_working_days_before && !step->reminded) {
    const Date day =
        calendar.subtract_working_days(*e->due, *step->plan.reminder_working_days_before).date;
    const Instant at = start_of_beijing_day(day);
    if (at > now) {
      e->reminder_at = at;
    } else if (step->reminder_at && *step->reminder_at > now) {
      e->reminder_at = step->reminder_at;  // the reminder it was promised still comes
    }
  }
  return Events{*e};
}

}  // namespace xueji
