// The working-day calendar on the shipped 2025 and 2026 schedules.

#include <gtest/gtest.h>

#include <random>

#include "engine/calendar/calendar_loader.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

Date day(const char* text) { return *Date::parse(text); }

class ShippedCalendar : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = load_calendars(test::project_path("config/calendars"));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    set_ = new CalendarSet(std::move(*loaded));
  }
  static void TearDownTestSuite() { delete set_; }
  static const WorkingDayCalendar& national() { return set_->national(); }
  static const WorkingDayCalendar& guangxi() { return **set_->for_province("450000"); }
  static CalendarSet* set_;
};
CalendarSet* ShippedCalendar::set_ = nullptr;

struct Block {
  const char* from;
  const char* to;
};

// Every day of every holiday block is rest, whatever its weekday.
TEST_F(ShippedCalendar, EveryNationalHolidayIsRest) {
  const Block blocks[] = {
      {"2025-01-01", "2025-01-01"}, {"2025-01-28", "2025-02-04"}, {"2025-04-04", "2025-04-06"},
      {"2025-05-01", "2025-05-05"}, {"2025-05-31", "2025-06-02"}, {"2025-10-01", "2025-10-08"},
      {"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"}, {"2026-04-04", "2026-04-06"},
      {"2026-05-01", "2026-05-05"}, {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
      {"2026-10-01", "2026-10-07"},
  };
  int rest_days = 0;
  for (const auto& b : blocks) {
    for (Date d = day(b.from); d <= day(b.to); d = d.plus_days(1)) {
      EXPECT_FALSE(national().is_working_day(d)) << d.to_string();
      EXPECT_FALSE(national().is_provisional(d)) << d.to_string();
      ++rest_days;
    }
    // The day before and after each block is not part of it.
    EXPECT_EQ(
        national().is_working_day(day(b.from).plus_days(-1)),
        !day(b.from).plus_days(-1).is_weekend() || day(b.from).plus_days(-1) == day("2026-02-14"))
        << b.from;
  }
  EXPECT_EQ(rest_days, 1 + 8 + 3 + 5 + 3 + 8 + 3 + 9 + 3 + 5 + 3 + 3 + 7);
}

TEST_F(ShippedCalendar, EveryMakeUpWeekendDayIsWorking) {
  for (const char* d :
       {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
        "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
    EXPECT_TRUE(day(d).is_weekend()) << d;
    EXPECT_TRUE(national().is_working_day(day(d))) << d;
  }
  // An ordinary weekend stays rest, an ordinary weekday stays working.
  EXPECT_FALSE(national().is_working_day(day("2025-09-27")));
  EXPECT_TRUE(national().is_working_day(day("2025-09-26")));
}

TEST_F(ShippedCalendar, CountsEachYearsWorkingDays) {
  auto count_year = [&](int year) {
    int64_t weekdays = 0;
    for (Date d = *Date::from_ymd(year, 1, 1); d.year() == year; d = d.plus_days(1)) {
      weekdays += national().is_working_day(d);
    }
    return weekdays;
  };
  const int64_t c2025 = count_year(2025);
  const int64_t c2026 = count_year(2026);
  EXPECT_EQ(national().working_days_between(day("2024-12-31"), day("2025-12-31")).days, c2025);
  EXPECT_EQ(national().working_days_between(day("2025-12-31"), day("2026-12-31")).days, c2026);
  // By hand from holidays-cn.md: 2025 has 261 weekdays, 18 of them off
  // (1 + 6 + 1 + 3 + 1 + 6), and 5 make-up days: 248. 2026 has 261
  // weekdays, 19 off (2 + 6 + 1 + 3 + 1 + 1 + 5), and 6 make-up days: 248.
  EXPECT_EQ(c2025, 248);
  EXPECT_EQ(c2026, 248);
}

TEST_F(ShippedCalendar, NationalDay2025WorkedExample) {
  const auto answer = national().add_working_days(day("2025-09-26"), 10);
  EXPECT_EQ(answer.date, day("2025-10-16"));
  EXPECT_FALSE(answer.provisional);
  // Day by day as holidays-cn.md lists them.
  const char* expected[] = {"2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10",
                            "2025-10-11", "2025-10-13", "2025-10-14", "2025-10-15", "2025-10-16"};
  for (int n = 1; n <= 10; ++n) {
    EXPECT_EQ(national().add_working_days(day("2025-09-26"), n).date.to_string(), expected[n - 1]);
  }
}

TEST_F(ShippedCalendar, ZeroDaysIsTheDayItselfOrTheNextWorkingDay) {
  EXPECT_EQ(national().add_working_days(day("2025-09-26"), 0).date, day("2025-09-26"));
  EXPECT_EQ(national().add_working_days(day("2025-10-01"), 0).date, day("2025-10-09"));
  EXPECT_EQ(national().add_working_days(day("2025-09-27"), 0).date, day("2025-09-28"));
}

TEST_F(ShippedCalendar, CrossesYearBoundaries) {
  // 2025-12-31 (Wed) + 1: New Year 2026 is off 01-01..01-03, 01-04 is worked.
  EXPECT_EQ(national().add_working_days(day("2025-12-31"), 1).date, day("2026-01-04"));
  EXPECT_EQ(national().add_working_days(day("2025-12-31"), 2).date, day("2026-01-05"));
  EXPECT_EQ(national().working_days_between(day("2025-12-30"), day("2026-01-05")).days, 3);
  // From the end of 2024 (not loaded) into 2025: provisional, because
  // 2024-12-31 lies before the loaded years; but stepping from 2024-12-31
  // counts only days of 2025, which are loaded.
  const auto into_2025 = national().add_working_days(day("2024-12-31"), 1);
  EXPECT_EQ(into_2025.date, day("2025-01-02"));
  EXPECT_FALSE(into_2025.provisional);
  const auto from_2024 = national().add_working_days(day("2024-12-27"), 3);
  EXPECT_EQ(from_2024.date, day("2025-01-02"));  // 12-30, 12-31, 01-02
  EXPECT_TRUE(from_2024.provisional);
}

TEST_F(ShippedCalendar, ResultsInUnloadedYearsAreProvisional) {
  // 2027 has no notice yet: it rests its statutory days (1 January among
  // them, config/calendars/statutory.yaml) and nothing else is known.
  const auto a = national().add_working_days(day("2026-12-25"), 10);
  EXPECT_EQ(a.date, day("2027-01-11"));
  EXPECT_TRUE(a.provisional);
  const auto b = national().add_working_days(day("2026-12-25"), 4);
  EXPECT_EQ(b.date, day("2026-12-31"));
  EXPECT_FALSE(b.provisional);
  EXPECT_TRUE(national().is_provisional(day("2027-03-01")));
  EXPECT_TRUE(national().working_days_between(day("2026-12-30"), day("2027-01-04")).provisional);
  EXPECT_EQ(national().working_days_between(day("2026-12-30"), day("2027-01-04")).days, 2);
}

TEST_F(ShippedCalendar, GuangxiOverlayAddsSanyuesan) {
  for (const char* d : {"2025-03-31", "2025-04-01", "2026-04-17", "2026-04-20"}) {
    EXPECT_TRUE(national().is_working_day(day(d))) << d;
    EXPECT_FALSE(guangxi().is_working_day(day(d))) << d;
  }
  // National holidays still apply in Guangxi.
  EXPECT_FALSE(guangxi().is_working_day(day("2025-10-03")));
  EXPECT_TRUE(guangxi().is_working_day(day("2025-09-28")));
  EXPECT_EQ(guangxi().add_working_days(day("2026-04-16"), 1).date, day("2026-04-21"));
  EXPECT_EQ(national().add_working_days(day("2026-04-16"), 1).date, day("2026-04-17"));
  // A province without an overlay uses the national calendar.
  auto guangdong = set_->for_province("440000");
  ASSERT_TRUE(guangdong.ok());
  EXPECT_EQ(*guangdong, &national());
  auto unknown = set_->for_province("990000");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_province");
  EXPECT_NE(unknown.error().message.find("990000"), std::string::npos);
}

// Properties over many random dates, on the national and Guangxi calendars,
// including dates before and after the loaded years.
TEST_F(ShippedCalendar, PropertiesHoldForRandomDates) {
  std::mt19937 rng(20251001);
  std::uniform_int_distribution<int32_t> offset(-400, 1200);
  std::uniform_int_distribution<int32_t> count(0, 300);
  const int32_t base = day("2025-01-01").days();
  for (const WorkingDayCalendar* cal : {&national(), &guangxi()}) {
    for (int i = 0; i < 20000; ++i) {
      const Date d = Date::from_days(base + offset(rng));
      const int32_t n = count(rng);
      const auto r = cal->add_working_days(d, n);
      ASSERT_TRUE(cal->is_working_day(r.date)) << d.to_string() << " + " << n;
      if (n >= 1) {
        ASSERT_GT(r.date, d);
        ASSERT_EQ(cal->working_days_between(d, r.date).days, n) << d.to_string() << " + " << n;
        // Monotonic in n: one more working day lands strictly later.
        const auto next = cal->add_working_days(d, n + 1);
        ASSERT_GT(next.date, r.date);
        // Nothing in between is a working day.
        ASSERT_EQ(cal->working_days_between(r.date, next.date.plus_days(-1)).days, 0);
      } else {
        ASSERT_GE(r.date, d);
      }
    }
  }
}

TEST_F(ShippedCalendar, DayByDayCountAgreesWithPrefixCounts) {
  // A slow reference: walk day by day.
  auto slow_add = [&](Date d, int n) {
    while (n > 0) {
      d = d.plus_days(1);
      if (national().is_working_day(d)) --n;
    }
    return d;
  };
  for (Date d = day("2024-11-01"); d <= day("2027-02-01"); d = d.plus_days(3)) {
    for (int n : {1, 2, 5, 10, 60}) {
      ASSERT_EQ(national().add_working_days(d, n).date, slow_add(d, n))
          << d.to_string() << " + " << n;
    }
  }
}

}  // namespace
}  // namespace xueji
