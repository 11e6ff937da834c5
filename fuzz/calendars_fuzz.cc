// The calendar loader (engine/calendar/calendar_loader.h): national years
// and province overlays, several files at once, separated by NUL bytes. A
// calendar loaded then keeps its documented arithmetic across its years:
// working_days_between(d, add_working_days(d, n)) == n for n >= 1, and the
// nth working day before that answer is the last working day up to d.

#include "engine/calendar/calendar_loader.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

namespace {

void count_on(const WorkingDayCalendar& calendar, const std::vector<int>& years) {
  for (int year : years) {
    for (int month : {1, 2, 5, 10, 12}) {
      auto from = Date::from_ymd(year, month, 1);
      if (!from) continue;
      for (int32_t n : {1, 10, 60, 400}) {
        const Date ahead = calendar.add_working_days(*from, n).date;
        fuzz::require(*from < ahead, "the nth working day comes after the start");
        fuzz::require(calendar.working_days_between(*from, ahead).days == n,
                      "the working days up to the nth working day are n");
        const Date back = calendar.subtract_working_days(ahead, n).date;
        fuzz::require(back <= *from && calendar.is_working_day(back),
                      "n working days back from the answer is a working day up to the start");
        fuzz::require(!calendar.is_working_day(*from) || back == *from,
                      "n working days back from the answer is the start, when it works");
      }
      const Date same = calendar.add_working_days(*from, 0).date;
      fuzz::require(*from <= same && calendar.is_working_day(same),
                    "0 working days after a day is a working day on or after it");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<CalendarSource> sources;
  for (auto& text : fuzz::split_files(fuzz::as_text(data, size))) {
    sources.push_back({"calendars/" + std::to_string(sources.size()) + ".yaml", std::move(text)});
  }
  auto calendars = load_calendars(sources);
  if (!calendars) {
    fuzz::require(calendars.error().code == "invalid_file", "a refused calendar is invalid_file");
    return 0;
  }
  count_on(calendars->national(), calendars->national_years());
  for (const auto& province : calendars->overlay_provinces()) {
    auto calendar = calendars->for_province(province);
    fuzz::require(calendar.ok(), "an overlay province has a calendar");
    count_on(**calendar, calendars->national_years());
  }
  return 0;
}
