#pragma once
// A year of one jurisdiction's calendar as a person reads it (`xueji
// calendar show`): each day's kind, the named holidays behind them, and
// whether the year is provisional. Pure: it reads a loaded CalendarSet.

#include <string>
#include <vector>

#include "engine/calendar/calendar_set.h"
#include "engine/core/result.h"

namespace xueji {

enum class DayKind {
  working,  // an ordinary working day
  weekend,  // an ordinary Saturday or Sunday
  holiday,  // a day off of a national holiday (weekends inside it included)
  make_up,  // a weekend day worked in exchange (调休上班)
  // The province's overlay makes this day differ from the national
  // calendar: off where the nation works, or worked where it rests.
  overlay_off,
  overlay_worked,
};

struct YearView {
  int year = 0;
  std::string province;  // "" for the national calendar
  // True when no national schedule of `year` is loaded: every day counts by
  // weekday alone and an answer relying on it is provisional.
  bool provisional = false;
  bool overlay_loaded = false;                    // the province has an overlay file for `year`
  std::vector<DayKind> days;                      // from 1 January, one per day of the year
  std::vector<const HolidaySchedule*> schedules;  // national, then the province's

  DayKind kind_of(Date d) const;
};

// `year` (1900..2998) in `province`'s calendar ("" = national); an unknown
// province is "unknown_province", a year out of range "invalid_field".
Result<YearView> view_year(const CalendarSet& calendars, int year, const std::string& province);

}  // namespace xueji
