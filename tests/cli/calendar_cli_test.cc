// `xueji calendar ...` as an operator types it.

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

TEST(CalendarCli, AddsWorkingDaysAcrossNationalDay) {
  auto r = run_xueji({"calendar", "add-working-days", "2025-09-26", "10"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "2025-10-16\n");
  EXPECT_EQ(r.err, "");
}

TEST(CalendarCli, UsesTheProvinceOverlay) {
  // Between them lie Guangxi's 壮族三月三 2025 (03-31, 04-01) and the
  // national 清明 (04-04): nationally the 5 working days after 03-28 are
  // 03-31, 04-01, 04-02, 04-03, 04-07; in Guangxi 04-02, 04-03, 04-07,
  // 04-08, 04-09.
  auto national = run_xueji({"calendar", "add-working-days", "2025-03-28", "5"});
  EXPECT_EQ(national.out, "2025-04-07\n");
  auto guangxi =
      run_xueji({"calendar", "add-working-days", "2025-03-28", "5", "--province", "450000"});
  EXPECT_EQ(guangxi.status, 0) << guangxi.err;
  EXPECT_EQ(guangxi.out, "2025-04-09\n");
}

TEST(CalendarCli, MarksResultsReachingAnUnloadedYearProvisional) {
  auto r = run_xueji({"calendar", "add-working-days", "2026-12-25", "10"});
  EXPECT_EQ(r.status, 0) << r.err;
  // 12-28..12-31 (4 days), then 2027's weekdays but its statutory
  // holidays (1 January, a Friday, rests): 01-04 to 01-08 and 01-11.
  EXPECT_EQ(r.out, "2027-01-11 provisional\n");
}

TEST(CalendarCli, ClassifiesMakeUpSundayAndHoliday) {
  EXPECT_EQ(run_xueji({"calendar", "is-working-day", "2025-09-28"}).out, "working\n");
  EXPECT_EQ(run_xueji({"calendar", "is-working-day", "2025-10-03"}).out, "rest\n");
  EXPECT_EQ(run_xueji({"calendar", "is-working-day", "2025-04-01"}).out, "working\n");
  EXPECT_EQ(run_xueji({"calendar", "is-working-day", "2025-04-01", "--province", "450000"}).out,
            "rest\n");
}

TEST(CalendarCli, CountsWorkingDaysBetween) {
  auto r = run_xueji({"calendar", "working-days-between", "2025-09-26", "2025-10-16"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "10\n");
}

struct BadInput {
  std::vector<std::string> args;
  std::string expected_in_error;
};

TEST(CalendarCli, RefusesBadInputWithStatusTwoAndOneLine) {
  const std::vector<BadInput> cases = {
      {{"calendar", "add-working-days", "2025-02-30", "10"}, "2025-02-30"},
      {{"calendar", "add-working-days", "2025-09-26", "-3"}, "-3"},
      {{"calendar", "add-working-days", "2025-09-26", "ten"}, "ten"},
      {{"calendar", "add-working-days", "2025-09-26", "10", "--province", "999999"}, "999999"},
      {{"calendar", "add-working-days", "2025-09-26"}, "N"},
      {{"calendar", "add-working-days"}, "DATE"},
      {{"calendar", "is-working-day", "2025/09/28"}, "2025/09/28"},
      {{"calendar", "is-working-day"}, "DATE"},
      {{"calendar", "add-working-days", "2025-09-26", "10", "--calendars", "/nonexistent"},
       "/nonexistent"},
      {{}, "subcommand"},
  };
  for (const auto& c : cases) {
    auto r = run_xueji(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(r.status, 2) << joined;
    EXPECT_EQ(r.out, "") << joined;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined << "-> " << r.err;
    EXPECT_NE(r.err.find(c.expected_in_error), std::string::npos) << joined << "-> " << r.err;
  }
}

}  // namespace
}  // namespace xueji::test
