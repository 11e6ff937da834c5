// Malformed calendar files are refused whole, with file, line and reason.

#include <gtest/gtest.h>

#include "engine/calendar/calendar_loader.h"

namespace xueji {
namespace {

const char* kNational2025 = R"(scope: national
year: 2025
holidays:
  - {name: New Year, from: 2025-01-01, to: 2025-01-01}
  - {name: National Day, from: 2025-10-01, to: 2025-10-08, make_up: [2025-09-28, 2025-10-11]}
)";

Result<CalendarSet> load(std::vector<CalendarSource> sources) { return load_calendars(sources); }

void expect_refused(const std::vector<CalendarSource>& sources, const std::string& where,
                    const std::string& reason) {
  auto r = load_calendars(sources);
  ASSERT_FALSE(r.ok()) << "expected refusal: " << reason;
  EXPECT_EQ(r.error().code, "invalid_file");
  EXPECT_EQ(r.error().message.rfind(where, 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
}

TEST(CalendarLoader, LoadsAValidNationalYear) {
  auto r = load({{"n/2025.yaml", kNational2025}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->national_years(), std::vector<int>{2025});
  EXPECT_FALSE(r->national().is_working_day(*Date::parse("2025-10-02")));
  EXPECT_EQ(r->version().size(), 64u);
}

TEST(CalendarLoader, RefusesAnImpossibleDate) {
  expect_refused({{"n/2025.yaml", R"(scope: national
year: 2025
holidays:
  - {name: Bad, from: 2025-02-30, to: 2025-03-01}
)"}},
                 "n/2025.yaml:4:", "2025-02-30");
}

TEST(CalendarLoader, RefusesADayBothOffAndWorked) {
  expect_refused({{"n/2025.yaml", R"(scope: national
year: 2025
holidays:
  - {name: National Day, from: 2025-10-01, to: 2025-10-08, make_up: [2025-10-04]}
)"}},
                 "n/2025.yaml:", "2025-10-04 is both a day off");
}

TEST(CalendarLoader, RefusesAnUnknownProvince) {
  expect_refused({{"n/2025.yaml", kNational2025},
                  {"p/2025.yaml", "province: \"990000\"\nyear: 2025\nholidays: []\n"}},
                 "p/2025.yaml:1:", "unknown province '990000'");
}

TEST(CalendarLoader, RefusesAnOverlayWithoutItsNationalYear) {
  expect_refused({{"n/2025.yaml", kNational2025},
                  {"p/2026.yaml", "province: \"450000\"\nyear: 2026\nholidays: []\n"}},
                 "p/2026.yaml:1:", "no national schedule");
}

TEST(CalendarLoader, RefusesTheSameYearTwice) {
  expect_refused({{"a.yaml", kNational2025}, {"b.yaml", kNational2025}},
                 "b.yaml:1:", "already given in a.yaml");
}

TEST(CalendarLoader, RefusesADateOutsideTheFilesYear) {
  expect_refused({{"n.yaml", R"(scope: national
year: 2025
holidays:
  - {name: X, from: 2026-01-01, to: 2026-01-01}
)"}},
                 "n.yaml:4:", "not in 2025");
}

TEST(CalendarLoader, RefusesAWeekdayMakeUpDayNationally) {
  expect_refused({{"n.yaml", R"(scope: national
year: 2025
holidays:
  - {name: X, from: 2025-10-01, to: 2025-10-03, make_up: [2025-10-09]}
)"}},
                 "n.yaml:4:", "is a weekday");
}

TEST(CalendarLoader, RefusesUnknownKeysAndMissingFields) {
  expect_refused({{"n.yaml", "scope: national\nyear: 2025\nholiday: []\n"}},
                 "n.yaml:3:", "unknown key 'holiday'");
  expect_refused({{"n.yaml", "scope: national\nholidays: []\n"}}, "n.yaml:1:", "missing 'year'");
  expect_refused({{"n.yaml", "year: 2025\nholidays: []\n"}},
                 "n.yaml:1:", "either 'scope: national' or 'province");
  expect_refused({{"n.yaml",
                   "scope: national\nyear: 2025\nholidays:\n  - {name: X, from: 2025-05-05, to: "
                   "2025-05-01}\n"}},
                 "n.yaml:4:", "before it starts");
}

TEST(CalendarLoader, RefusesBrokenYamlWithItsLine) {
  expect_refused({{"n.yaml", "scope: national\nyear: 2025\nholidays: [\n  {name: X\n"}},
                 "n.yaml:", "");
}

TEST(CalendarLoader, NothingIsHalfLoaded) {
  // The first file is fine, the second is broken: the whole load fails.
  auto r = load({{"a.yaml", kNational2025},
                 {"b.yaml",
                  "scope: national\nyear: 2026\nholidays:\n  - {name: X, from: 2026-13-01, to: "
                  "2026-13-02}\n"}});
  EXPECT_FALSE(r.ok());
}

TEST(CalendarLoader, OverlayCanReinstateAWorkingDay) {
  // A province may work a national holiday (the rare removal).
  auto r = load({{"n.yaml", kNational2025},
                 {"p.yaml",
                  "province: \"450000\"\nyear: 2025\nholidays:\n  - {name: Local, from: "
                  "2025-03-31, to: 2025-04-01, make_up: [2025-10-08]}\n"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& gx = **r->for_province("450000");
  EXPECT_TRUE(gx.is_working_day(*Date::parse("2025-10-08")));
  EXPECT_FALSE(r->national().is_working_day(*Date::parse("2025-10-08")));
  EXPECT_FALSE(gx.is_working_day(*Date::parse("2025-03-31")));
}

TEST(CalendarLoader, NoFilesMeansWeekdaysOnlyAndProvisional) {
  auto r = load({});
  ASSERT_TRUE(r.ok());
  const auto a = r->national().add_working_days(*Date::parse("2025-09-26"), 10);
  EXPECT_EQ(a.date.to_string(), "2025-10-10");
  EXPECT_TRUE(a.provisional);
}

TEST(CalendarLoader, GapYearBetweenLoadedYearsIsProvisional) {
  auto r =
      load({{"a.yaml", kNational2025}, {"c.yaml", "scope: national\nyear: 2027\nholidays: []\n"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->national().is_provisional(*Date::parse("2026-06-01")));
  EXPECT_FALSE(r->national().is_provisional(*Date::parse("2027-06-01")));
  EXPECT_TRUE(r->national().add_working_days(*Date::parse("2025-12-30"), 3).provisional);
  EXPECT_FALSE(r->national().add_working_days(*Date::parse("2027-01-04"), 3).provisional);
}

TEST(CalendarLoader, ReportsAMissingDirectory) {
  auto r = load_calendars(std::string("/nonexistent/calendars"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("/nonexistent/calendars"), std::string::npos);
}

// A province that publishes a whole year of its own (Xinjiang) may rest a
// day the nation makes up; the nation still works it.
TEST(CalendarLoader, AnOverlayMayCancelANationalMakeUpDay) {
  auto r = load({{"n/2025.yaml", kNational2025}, {"p/2025.yaml", R"(province: "650000"
year: 2025
holidays: []
cancel_make_up: [2025-09-28]
)"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Date sunday = *Date::parse("2025-09-28");
  EXPECT_TRUE(r->national().is_working_day(sunday));
  auto xinjiang = r->for_province("650000");
  ASSERT_TRUE(xinjiang.ok());
  EXPECT_FALSE((*xinjiang)->is_working_day(sunday));
  // The other make-up day of the holiday stays worked there too.
  EXPECT_TRUE((*xinjiang)->is_working_day(*Date::parse("2025-10-11")));
  // The working day after Friday 09-26: the Sunday for the nation, Monday there.
  EXPECT_EQ(r->national().add_working_days(*Date::parse("2025-09-26"), 1).date, sunday);
  EXPECT_EQ((*xinjiang)->add_working_days(*Date::parse("2025-09-26"), 1).date,
            *Date::parse("2025-09-29"));
}

TEST(CalendarLoader, RefusesCancellingADayTheNationDoesNotMakeUp) {
  expect_refused({{"n/2025.yaml", kNational2025}, {"p/2025.yaml", R"(province: "650000"
year: 2025
holidays: []
cancel_make_up:
  - 2025-09-28
  - 2025-09-21
)"}},
                 "p/2025.yaml:6:",
                 "2025-09-21 is no make-up working day of the national schedule (n/2025.yaml)");
  expect_refused({{"n/2025.yaml", std::string(kNational2025) + "cancel_make_up: [2025-09-28]\n"}},
                 "n/2025.yaml:6:", "'cancel_make_up' belongs to a province's overlay");
  expect_refused({{"n/2025.yaml", kNational2025}, {"p/2025.yaml", R"(province: "650000"
year: 2025
holidays: []
cancel_make_up: [2026-01-04]
)"}},
                 "p/2025.yaml:4:", "is not in 2025");
}

}  // namespace
}  // namespace xueji
