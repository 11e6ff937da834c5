#include "engine/calendar/date.h"

#include <gtest/gtest.h>

namespace xueji {
namespace {

TEST(Date, ParsesAndFormatsRoundTrip) {
  auto d = Date::parse("2025-09-26");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2025);
  EXPECT_EQ(d->month(), 9);
  EXPECT_EQ(d->day(), 26);
  EXPECT_EQ(d->iso_weekday(), 5);  // a Friday
  EXPECT_EQ(d->to_string(), "2025-09-26");
}

TEST(Date, RefusesDatesThatDoNotExist) {
  for (const char* bad : {"2025-02-30", "2025-13-01", "2025-00-10", "2023-02-29", "2025-9-26",
                          "20250926", "2025-09-26T00", "", "abcd-ef-gh", "1899-12-31"}) {
    auto d = Date::parse(bad);
    EXPECT_FALSE(d.ok()) << bad;
    if (!d.ok()) {
      EXPECT_EQ(d.error().code, "invalid_date");
    }
  }
  EXPECT_TRUE(Date::parse("2024-02-29").ok());
}

TEST(Date, RoundTripsEveryDayOfTwoCenturies) {
  for (int32_t days = days_from_civil(1900, 1, 1); days <= days_from_civil(2100, 12, 31); ++days) {
    const Date d = Date::from_days(days);
    auto back = Date::from_ymd(d.year(), d.month(), d.day());
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->days(), days);
  }
}

TEST(Date, AddsCalendarMonthsClampedToMonthEnd) {
  EXPECT_EQ(Date::parse("2025-08-31")->plus_months(6).to_string(), "2026-02-28");
  EXPECT_EQ(Date::parse("2025-09-26")->plus_months(12).to_string(), "2026-09-26");
  EXPECT_EQ(Date::parse("2023-08-31")->plus_months(6).to_string(), "2024-02-29");
}

}  // namespace
}  // namespace xueji
