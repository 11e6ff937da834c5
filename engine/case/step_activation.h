#pragma once
// Internal to the decider: a step becomes active when a case opens or when
// the step before it is approved, and when its deadline passes it climbs to
// a superior who counts on its own calendar; all three count working days
// on the calendar chosen here.

#include <string>

#include "engine/calendar/working_day_calendar.h"
#include "engine/case/case_event.h"
#include "engine/case/decider.h"

namespace xueji {

// Each party's deadline counts on its own province's calendar (a Guangxi
// county rests on 壮族三月三, a Guangdong one does not); the ministry's, and
// a province's whose calendar is not loaded, on the national one.
const WorkingDayCalendar& calendar_for(const std::string& org, const DecisionContext& ctx);

// The step_activated event for `plan` at `now`: its due date on the party's
// calendar, the deadline at the end of that day, and the reminder, if any,
// unless its day has already begun.
CaseEvent activate_step(const PlannedStep& plan, Instant now, const DecisionContext& ctx);

}  // namespace xueji
