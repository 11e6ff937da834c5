#pragma once
// Every working-day calendar Xueji knows: the national one and one per
// province that has an overlay (Guangxi's 壮族三月三, Xinjiang's 古尔邦节).
// Built only by load_calendars(); immutable and cheap to share.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/holiday_schedule.h"
#include "engine/calendar/working_day_calendar.h"
#include "engine/core/result.h"

namespace xueji {

class CalendarSet {
 public:
  CalendarSet() = default;
  CalendarSet(WorkingDayCalendar national, std::map<std::string, WorkingDayCalendar> provinces,
              std::vector<int> national_years, std::string version,
              std::vector<HolidaySchedule> schedules = {});

  const WorkingDayCalendar& national() const { return national_; }

  // The calendar for a province-level division code ("450000"): its overlay
  // when it has one, else the national calendar. An unknown or malformed code
  // is an error naming it.
  Result<const WorkingDayCalendar*> for_province(std::string_view province_code) const;

  // The years whose national schedule is loaded, ascending.
  const std::vector<int>& national_years() const { return national_years_; }
  // The province codes that carry an overlay, ascending.
  std::vector<std::string> overlay_provinces() const;
  // The schedules of `year` as their files state them: the national one,
  // then `province`'s overlay ("" for none); those not loaded are absent.
  std::vector<const HolidaySchedule*> schedules_of(int year, const std::string& province) const;
  // A content hash of every calendar file loaded.
  const std::string& version() const { return version_; }

 private:
  WorkingDayCalendar national_;
  std::map<std::string, WorkingDayCalendar, std::less<>> provinces_;
  std::vector<int> national_years_;
  std::string version_;
  std::vector<HolidaySchedule> schedules_;
};

}  // namespace xueji
