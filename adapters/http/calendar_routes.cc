#include "adapters/http/calendar_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/page_cursor.h"
#include "adapters/http/problem.h"
#include "engine/calendar/year_view.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// The name the files give day `d`: the holiday whose days off or make-up
// days hold it, the province's overlay before the national schedule.
std::string name_of(const YearView& view, Date d) {
  std::string name;
  for (const HolidaySchedule* s : view.schedules) {  // national first
    for (const auto& h : s->holidays) {
      bool named = h.from <= d && d <= h.to;
      for (Date m : h.make_up) named = named || m == d;
      if (named) name = h.name;
    }
  }
  return name;
}

const char* kind_name(DayKind kind) {
  switch (kind) {
    case DayKind::holiday:
      return "holiday";
    case DayKind::make_up:
      return "make_up";
    case DayKind::overlay_off:
      return "overlay_off";
    case DayKind::overlay_worked:
      return "overlay_worked";
    case DayKind::working:
    case DayKind::weekend:
      break;
  }
  return "";
}

}  // namespace

Response calendar_year(Services& s, const Request& r, Context& ctx) {
  const std::string& text = ctx.args[0];
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    return problem(400, "invalid_year", "year '" + text + "' is not four digits (YYYY)");
  }
  const int year = std::stoi(text);
  const auto domain = s.engine.data();
  const CalendarSet& calendars = domain->calendars;
  const auto& loaded = calendars.national_years();
  // The year after the last schedule published is asked for by deadlines
  // that run into it: answered on weekdays alone, marked provisional.
  if (loaded.empty() || year < loaded.front() || year > loaded.back() + 1) {
    return problem(
        404, "unknown_year",
        "no calendar for " + text +
            (loaded.empty() ? std::string(" (no schedule is loaded)")
                            : " (schedules are loaded for " + std::to_string(loaded.front()) +
                                  " to " + std::to_string(loaded.back()) + ")"));
  }
  auto province = query_parameter(r.target, "province");
  if (!province) return problem(400, "invalid_query", province.error().message);
  const std::string code = province->value_or("");
  if (province->has_value() && code.empty()) {
    return problem(404, "unknown_province", "query parameter 'province' is empty");
  }
  auto view = view_year(calendars, year, code);
  if (!view) return from_error(view.error());
  json days = json::array();
  const Date first = Date::from_days(days_from_civil(year, 1, 1));
  for (size_t i = 0; i < view->days.size(); ++i) {
    const std::string kind = kind_name(view->days[i]);
    if (kind.empty()) continue;  // an ordinary working day or weekend
    const Date d = first.plus_days(static_cast<int32_t>(i));
    json day{{"date", d.to_string()},
             {"kind", kind},
             {"working", kind == "make_up" || kind == "overlay_worked"}};
    const std::string name = name_of(*view, d);
    if (!name.empty()) day["name"] = name;
    days.push_back(std::move(day));
  }
  json out{{"year", year},
           {"province", code.empty() ? json(nullptr) : json(code)},
           {"provisional", view->provisional},
           {"overlay", view->overlay_loaded},
           {"days", std::move(days)}};
  return json_response(200, out);
}

}  // namespace xueji::http
