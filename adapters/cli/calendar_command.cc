// `xueji calendar ...`: ask the working-day calendar the questions every
// statutory deadline rests on.

#include <charconv>
#include <iostream>
#include <memory>

#include "adapters/cli/command_line.h"
#include "engine/calendar/calendar_loader.h"

namespace xueji::cli {
namespace {

struct CalendarOptions {
  std::string calendars = "config/calendars";
  std::string province;
};

Date parse_date_argument(const std::string& text) {
  auto date = Date::parse(text);
  if (!date) throw UsageError(date.error().message);
  return *date;
}

int32_t parse_count_argument(const std::string& text) {
  int32_t n = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || ptr != end) {
    throw UsageError("'" + text + "' is not a whole number of working days");
  }
  if (n < 0) throw UsageError("the number of working days must not be negative, not " + text);
  if (n > 100000)
    throw UsageError("the number of working days must be at most 100000, not " + text);
  return n;
}

// Loads the calendars and picks the one asked for.
const WorkingDayCalendar& select_calendar(const CalendarOptions& options,
                                          std::unique_ptr<CalendarSet>& holder) {
  auto loaded = load_calendars(resolve_project_path(options.calendars));
  if (!loaded) throw UsageError(loaded.error().message);
  holder = std::make_unique<CalendarSet>(std::move(*loaded));
  if (options.province.empty()) return holder->national();
  auto calendar = holder->for_province(options.province);
  if (!calendar) throw UsageError(calendar.error().message);
  return **calendar;
}

void add_common_options(CLI::App& command, CalendarOptions& options) {
  command.add_option("--province", options.province,
                     "province-level division code whose overlay applies, e.g. 450000");
  command.add_option("--calendars", options.calendars, "directory of calendar files")
      ->capture_default_str();
}

const char* provisional_suffix(bool provisional) { return provisional ? " provisional" : ""; }

}  // namespace

void add_calendar_commands(CLI::App& app) {
  auto* calendar = app.add_subcommand("calendar", "working-day calendar queries");
  calendar->require_subcommand(1);
  auto options = std::make_shared<CalendarOptions>();

  auto* add = calendar->add_subcommand("add-working-days",
                                       "the Nth working day after DATE (DATE itself not counted)");
  auto date_text = std::make_shared<std::string>();
  auto count_text = std::make_shared<std::string>();
  add->add_option("DATE", *date_text, "YYYY-MM-DD")->required();
  add->add_option("N", *count_text, "working days, 0 or more")->required();
  add_common_options(*add, *options);
  add->callback([=] {
    const Date from = parse_date_argument(*date_text);
    const int32_t n = parse_count_argument(*count_text);
    std::unique_ptr<CalendarSet> holder;
    const auto answer = select_calendar(*options, holder).add_working_days(from, n);
    std::cout << answer.date.to_string() << provisional_suffix(answer.provisional) << "\n";
  });

  auto* is_working = calendar->add_subcommand("is-working-day", "prints 'working' or 'rest'");
  auto day_text = std::make_shared<std::string>();
  is_working->add_option("DATE", *day_text, "YYYY-MM-DD")->required();
  add_common_options(*is_working, *options);
  is_working->callback([=] {
    const Date day = parse_date_argument(*day_text);
    std::unique_ptr<CalendarSet> holder;
    const auto& cal = select_calendar(*options, holder);
    std::cout << (cal.is_working_day(day) ? "working" : "rest")
              << provisional_suffix(cal.is_provisional(day)) << "\n";
  });

  auto* between = calendar->add_subcommand(
      "working-days-between", "working days in (FROM, TO]: FROM not counted, TO counted");
  auto from_text = std::make_shared<std::string>();
  auto to_text = std::make_shared<std::string>();
  between->add_option("FROM", *from_text, "YYYY-MM-DD")->required();
  between->add_option("TO", *to_text, "YYYY-MM-DD")->required();
  add_common_options(*between, *options);
  between->callback([=] {
    const Date a = parse_date_argument(*from_text);
    const Date b = parse_date_argument(*to_text);
    std::unique_ptr<CalendarSet> holder;
    const auto count = select_calendar(*options, holder).working_days_between(a, b);
    std::cout << count.days << provisional_suffix(count.provisional) << "\n";
  });
  add_calendar_show_command(*calendar);
}

}  // namespace xueji::cli
