#pragma once
// One calendar file as it states a year: its holidays by name with their
// days off and make-up working days (调休上班), and where it comes from. The
// working-day calendars hold only the resulting flags; these keep the names,
// so a person reading a year (`xueji calendar show`) sees why a day rests.

#include <string>
#include <vector>

#include "engine/calendar/date.h"

namespace xueji {

struct NamedHoliday {
  std::string name;  // "国庆节 National Day"
  Date from;         // first day off
  Date to;           // last day off, inclusive
  std::vector<Date> make_up;
};

struct HolidaySchedule {
  std::string province;  // "" for the national schedule
  int year = 0;
  std::string source;  // free text, for reviewers
  std::vector<NamedHoliday> holidays;
};

}  // namespace xueji
