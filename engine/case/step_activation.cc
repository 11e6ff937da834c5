#include "engine/case/step_activation.h"

#include "engine/case/command_handlers.h"

namespace xueji {

const WorkingDayCalendar& calendar_for(const std::string& org, const DecisionContext& ctx) {
  const std::string province = ctx.orgs.province_of(org);
  if (province.empty()) return ctx.calendars.national();
  auto calendar = ctx.calendars.for_province(province);
  return calendar ? **calendar : ctx.calendars.national();
}

CaseEvent activate_step(const PlannedStep& plan, Instant now, const DecisionContext& ctx) {
  const WorkingDayCalendar& calendar = calendar_for(plan.org, ctx);
  const WorkingDayAnswer due = plan.deadline.due_after(now.beijing_date(), calendar);
  CaseEvent e = new_event(CaseEventType::step_activated, now);
  e.step = plan.step;
  e.org = plan.org;
  e.due = due.date;
  e.provisional = due.provisional;
  e.deadline = end_of_beijing_day(due.date);
  if (plan.reminder_working_days_before) {
    const Date day =
        calendar.subtract_working_days(due.date, *plan.reminder_working_days_before).date;
    const Instant at = start_of_beijing_day(day);
    if (at > now) e.reminder_at = at;  // no reminder for a day already begun
  }
  return e;
}

}  // namespace xueji
