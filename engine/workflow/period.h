#pragma once
// A statutory period: "10 working days" (Art. 15) or a calendar period such
// as "one year" (Art. 16) or "six months" (Art. 24). Working days count on the
// party's province calendar; calendar periods ignore holidays.

#include <string>

#include "engine/calendar/working_day_calendar.h"

namespace xueji {

struct Period {
  enum class Unit { working_days, months };
  Unit unit = Unit::working_days;
  int amount = 0;

  // The last allowed day of a period that starts on `from` (not counted).
  WorkingDayAnswer due_after(Date from, const WorkingDayCalendar& calendar) const {
    if (unit == Unit::months) return {from.plus_months(amount), false};
    return calendar.add_working_days(from, amount);
  }
  std::string to_string() const {
    return std::to_string(amount) + (unit == Unit::months ? " months" : " working days");
  }
  friend bool operator==(const Period& a, const Period& b) {
    return a.unit == b.unit && a.amount == b.amount;
  }
};

}  // namespace xueji
