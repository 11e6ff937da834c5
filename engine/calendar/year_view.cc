#include "engine/calendar/year_view.h"

namespace xueji {

DayKind YearView::kind_of(Date d) const {
  return days[static_cast<size_t>(d.days() - days_from_civil(year, 1, 1))];
}

Result<YearView> view_year(const CalendarSet& calendars, int year, const std::string& province) {
  if (year < 1900 || year > 2998) {
    return make_error("invalid_field", "year " + std::to_string(year) + " is outside 1900..2998");
  }
  const WorkingDayCalendar* local = &calendars.national();
  if (!province.empty()) {
    auto found = calendars.for_province(province);
    if (!found) return found.error();
    local = *found;
  }
  const WorkingDayCalendar& national = calendars.national();
  YearView view;
  view.year = year;
  view.province = province;
  view.schedules = calendars.schedules_of(year, province);
  for (const HolidaySchedule* s : view.schedules) {
    if (!s->province.empty()) view.overlay_loaded = true;
  }
  const Date first = Date::from_days(days_from_civil(year, 1, 1));
  view.provisional = national.is_provisional(first);
  // Days inside a national holiday's span rest, weekends in it included.
  std::vector<bool> in_national_holiday(static_cast<size_t>(is_leap_year(year) ? 366 : 365));
  for (const HolidaySchedule* s : view.schedules) {
    if (!s->province.empty()) continue;
    for (const auto& h : s->holidays) {
      for (Date d = h.from; d <= h.to; d = d.plus_days(1)) {
        in_national_holiday[static_cast<size_t>(d.days() - first.days())] = true;
      }
    }
  }
  for (size_t i = 0; i < in_national_holiday.size(); ++i) {
    const Date d = first.plus_days(static_cast<int32_t>(i));
    const bool nation_works = national.is_working_day(d);
    const bool here_works = local->is_working_day(d);
    DayKind kind = DayKind::working;
    if (here_works != nation_works) {
      kind = here_works ? DayKind::overlay_worked : DayKind::overlay_off;
    } else if (in_national_holiday[i] && !nation_works) {
      kind = DayKind::holiday;
    } else if (d.is_weekend()) {
      kind = nation_works ? DayKind::make_up : DayKind::weekend;
    } else if (!nation_works) {
      kind = DayKind::holiday;  // a weekday off that no span names: a holiday still
    }
    view.days.push_back(kind);
  }
  return view;
}

}  // namespace xueji
