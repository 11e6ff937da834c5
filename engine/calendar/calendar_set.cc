#include "engine/calendar/calendar_set.h"

#include "engine/org/provinces.h"

namespace xueji {

CalendarSet::CalendarSet(WorkingDayCalendar national,
                         std::map<std::string, WorkingDayCalendar> provinces,
                         std::vector<int> national_years, std::string version,
                         std::vector<HolidaySchedule> schedules)
    : national_(std::move(national)),
      provinces_(std::make_move_iterator(provinces.begin()),
                 std::make_move_iterator(provinces.end())),
      national_years_(std::move(national_years)),
      version_(std::move(version)),
      schedules_(std::move(schedules)) {}

Result<const WorkingDayCalendar*> CalendarSet::for_province(std::string_view province_code) const {
  if (!is_province_code(province_code)) {
    return make_error("unknown_province",
                      "unknown province code '" + std::string(province_code) +
                          "' (expected a GB/T 2260 province-level code such as 450000)");
  }
  auto it = provinces_.find(province_code);
  return it == provinces_.end() ? &national_ : &it->second;
}

std::vector<std::string> CalendarSet::overlay_provinces() const {
  std::vector<std::string> codes;
  for (const auto& entry : provinces_) codes.push_back(entry.first);
  return codes;
}

std::vector<const HolidaySchedule*> CalendarSet::schedules_of(int year,
                                                              const std::string& province) const {
  std::vector<const HolidaySchedule*> out;
  for (const auto& s : schedules_) {
    if (s.year == year && s.province.empty()) out.insert(out.begin(), &s);
    if (s.year == year && !province.empty() && s.province == province) out.push_back(&s);
  }
  return out;
}

}  // namespace xueji
