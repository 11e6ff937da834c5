// `xueji calendar show YEAR [--province CODE]`: the year as twelve month
// grids, Monday to Sunday like cal(1), with holidays, make-up working days
// and the days a province's overlay changes each marked, a legend, the named
// holidays behind the marks, and whether the year is provisional.

#include <charconv>
#include <iostream>
#include <sstream>

#include "adapters/cli/command_line.h"
#include "engine/calendar/calendar_loader.h"
#include "engine/calendar/year_view.h"
#include "engine/org/provinces.h"

namespace xueji::cli {
namespace {

struct ShowOptions {
  std::string year;
  std::string province;
  std::string calendars = "config/calendars";
};

constexpr int kMonthsPerRow = 3;
constexpr int kMonthWidth = 27;  // seven cells of three, a space between
const char* const kMonthNames[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

char mark_of(DayKind kind) {
  switch (kind) {
    case DayKind::working:
    case DayKind::weekend:
      return ' ';
    case DayKind::holiday:
      return '*';
    case DayKind::make_up:
      return '+';
    case DayKind::overlay_off:
      return '#';
    case DayKind::overlay_worked:
      return '=';
  }
  return ' ';
}

std::string centred(const std::string& text, size_t width) {
  const size_t left = text.size() < width ? (width - text.size()) / 2 : 0;
  std::string out = std::string(left, ' ') + text;
  return out + std::string(out.size() < width ? width - out.size() : 0, ' ');
}

// The lines of one month: its name, the weekday heading, up to six weeks.
std::vector<std::string> month_lines(const YearView& view, int month) {
  std::vector<std::string> lines = {centred(kMonthNames[month - 1], kMonthWidth),
                                    "Mo  Tu  We  Th  Fr  Sa  Su "};
  const Date first = *Date::from_ymd(view.year, month, 1);
  std::string week(static_cast<size_t>((first.iso_weekday() - 1) * 4), ' ');
  for (int day = 1; day <= days_in_month(view.year, month); ++day) {
    const Date d = first.plus_days(day - 1);
    week += (day < 10 ? " " : "") + std::to_string(day) + mark_of(view.kind_of(d)) + " ";
    if (d.iso_weekday() == 7) {
      lines.push_back(week);
      week.clear();
    }
  }
  if (!week.empty()) lines.push_back(week);
  while (lines.size() < 8) lines.emplace_back();
  for (auto& line : lines) line.resize(kMonthWidth + 1, ' ');
  return lines;
}

std::string mmdd(Date d) { return d.to_string().substr(5); }

std::string year_as_text(const YearView& view) {
  std::ostringstream out;
  const std::string where =
      view.province.empty()
          ? std::string("national calendar")
          : view.province + " " + std::string(province_name(view.province)) + " calendar";
  std::string title = centred(std::to_string(view.year) + ", " + where,
                              static_cast<size_t>(kMonthsPerRow * (kMonthWidth + 2)));
  while (!title.empty() && title.back() == ' ') title.pop_back();
  out << title << "\n";
  if (view.provisional && !view.schedules.empty()) {
    // config/calendars/statutory.yaml lists the year (engine/calendar/statutory_holidays.h).
    out << "PROVISIONAL: no national schedule of " << view.year
        << " is loaded; its statutory holidays rest, its bridges and make-up days are not yet "
           "known, and every deadline on them is provisional.\n";
  } else if (view.provisional) {
    out << "PROVISIONAL: no national schedule of " << view.year
        << " is loaded; days count by weekday alone and every deadline on them is provisional.\n";
  } else {
    out << "national schedule of " << view.year << " loaded";
    if (!view.province.empty()) {
      out << (view.overlay_loaded ? "; " + view.province + "'s overlay loaded"
                                  : "; " + view.province + " has no overlay for " +
                                        std::to_string(view.year) + " (the national days apply)");
    }
    out << ".\n";
  }
  out << "\n";
  for (int row = 0; row < 12 / kMonthsPerRow; ++row) {
    std::vector<std::vector<std::string>> months;
    for (int m = 1; m <= kMonthsPerRow; ++m) months.push_back(month_lines(view, row * 3 + m));
    for (size_t line = 0; line < months[0].size(); ++line) {
      std::string text;
      for (const auto& month : months) text += month[line] + " ";
      while (!text.empty() && text.back() == ' ') text.pop_back();
      if (!text.empty() || line + 1 < months[0].size()) out << text << "\n";
    }
  }
  out << "  * holiday, day off   + make-up working day (调休上班)";
  if (!view.province.empty()) {
    out << "   # off in " << view.province << " only   = worked in " << view.province << " only";
  }
  out << "\n";
  for (const HolidaySchedule* s : view.schedules) {
    out << "\n"
        << (s->province.empty() ? std::string("national holidays") : s->province + "'s overlay")
        << (s->source.empty() ? "" : " (" + s->source + ")") << ":\n";
    for (const auto& h : s->holidays) {
      std::string days = h.from == h.to ? mmdd(h.from) : mmdd(h.from) + ".." + mmdd(h.to);
      std::string line =
          "  " + days + std::string(days.size() < 14 ? 14 - days.size() : 1, ' ') + h.name;
      if (!h.make_up.empty()) {
        line += "; make-up working day";
        line += h.make_up.size() > 1 ? "s " : " ";
        for (size_t i = 0; i < h.make_up.size(); ++i) {
          line += (i == 0 ? "" : ", ") + mmdd(h.make_up[i]);
        }
      }
      out << line << "\n";
    }
  }
  return out.str();
}

int parse_year(const std::string& text) {
  int year = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, year);
  if (ec != std::errc() || ptr != end) throw UsageError("'" + text + "' is not a year");
  return year;
}

void show(const ShowOptions& o) {
  const int year = parse_year(o.year);
  auto calendars = load_calendars(resolve_project_path(o.calendars));
  if (!calendars) throw UsageError(calendars.error().message);
  auto view = view_year(*calendars, year, o.province);
  if (!view) throw UsageError(view.error().message);
  std::cout << year_as_text(*view);
}

}  // namespace

void add_calendar_show_command(CLI::App& calendar) {
  auto* show_cmd = calendar.add_subcommand(
      "show", "the year as month grids: holidays, make-up days and a province's own days marked");
  auto o = std::make_shared<ShowOptions>();
  show_cmd->add_option("YEAR", o->year, "e.g. 2026")->required();
  show_cmd->add_option("--province", o->province,
                       "province-level division code whose overlay applies, e.g. 450000");
  show_cmd->add_option("--calendars", o->calendars, "directory of calendar files")
      ->capture_default_str();
  show_cmd->callback([o] { show(*o); });
}

}  // namespace xueji::cli
