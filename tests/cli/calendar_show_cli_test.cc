// `xueji calendar show`: the year as month grids with holidays, make-up
// working days and a province's own days marked (issue 19).

#include <gtest/gtest.h>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

// The grid line of `month` (1..12) that holds day `day`, and the day's cell
// ("%2d" and its mark) in it; "" when absent. Months sit three to a row.
std::string cell_of(const std::string& out, const std::string& month_name, int month, int day) {
  const auto title = out.find(month_name);
  if (title == std::string::npos) return "";
  const size_t line_start = out.rfind('\n', title) + 1;
  const size_t column = (static_cast<size_t>(month - 1) % 3) * 29;  // 27 wide, 2 apart
  // The month's grid starts two lines below its title.
  size_t at = out.find('\n', out.find('\n', line_start) + 1) + 1;
  for (int week = 0; week < 6 && at < out.size(); ++week) {
    const size_t end = out.find('\n', at);
    const std::string line = out.substr(at, end - at);
    if (line.size() > column) {
      const std::string block = line.substr(column, 27);
      for (size_t c = 0; c + 2 < block.size() + 1; c += 4) {
        const std::string cell = block.substr(c, 3);
        if (cell.size() >= 2 && std::atoi(cell.substr(0, 2).c_str()) == day) return cell;
      }
    }
    at = end + 1;
  }
  return "";
}

TEST(CalendarShowCli, NationalDayIsAHolidayAndItsMakeUpDaysAreMarked) {
  auto r = run_xueji({"calendar", "show", "2026"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("2026, national calendar"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("national schedule of 2026 loaded."), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("PROVISIONAL"), std::string::npos);
  EXPECT_EQ(cell_of(r.out, "October", 10, 1), " 1*") << r.out;
  EXPECT_EQ(cell_of(r.out, "October", 10, 3), " 3*") << r.out;  // a Saturday inside it
  EXPECT_EQ(cell_of(r.out, "October", 10, 8), " 8 ") << r.out;
  EXPECT_EQ(cell_of(r.out, "October", 10, 10), "10+") << r.out;  // Saturday worked
  EXPECT_EQ(cell_of(r.out, "September", 9, 20), "20+") << r.out;
  EXPECT_EQ(cell_of(r.out, "October", 10, 11), "11 ") << r.out;  // an ordinary Sunday
  EXPECT_NE(r.out.find("10-01..10-07  国庆节 National Day; make-up working days 09-20, 10-10"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("* holiday, day off   + make-up working day"), std::string::npos);
  // October 2026 starts on a Thursday: its first week is indented three cells.
  EXPECT_NE(r.out.find("\n             1*  2*  3*  4*"), std::string::npos) << r.out;
}

TEST(CalendarShowCli, GuangxiMarksItsOwnDaysApart) {
  auto r = run_xueji({"calendar", "show", "2026", "--province", "450000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("450000's overlay loaded"), std::string::npos) << r.out;
  // 壮族三月三: Friday 04-17 and Monday 04-20 off in Guangxi only.
  EXPECT_EQ(cell_of(r.out, "April", 4, 17), "17#") << r.out;
  EXPECT_EQ(cell_of(r.out, "April", 4, 20), "20#") << r.out;
  EXPECT_EQ(cell_of(r.out, "April", 4, 21), "21 ") << r.out;
  EXPECT_EQ(cell_of(r.out, "October", 10, 1), " 1*") << r.out;  // national days still there
  EXPECT_NE(r.out.find("# off in 450000 only"), std::string::npos);
  EXPECT_NE(r.out.find("04-17..04-20  壮族三月三"), std::string::npos) << r.out;
  // Nationally the same Friday is an ordinary working day.
  auto national = run_xueji({"calendar", "show", "2026"});
  EXPECT_EQ(cell_of(national.out, "April", 4, 17), "17 ") << national.out;
}

TEST(CalendarShowCli, AYearWithoutASchedulesIsProvisional) {
  // 2031 rests its statutory holidays (config/calendars/statutory.yaml)
  // and nothing else is known; 2036 lies beyond the list: weekdays alone.
  auto r = run_xueji({"calendar", "show", "2031"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("PROVISIONAL: no national schedule of 2031 is loaded; its statutory "
                       "holidays rest"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(cell_of(r.out, "October", 10, 1), " 1*") << r.out;
  EXPECT_EQ(cell_of(r.out, "October", 10, 6), " 6 ") << r.out;  // a bridge is the notice's
  auto beyond = run_xueji({"calendar", "show", "2036"});
  ASSERT_EQ(beyond.status, 0) << beyond.err;
  EXPECT_NE(beyond.out.find("days count by weekday alone"), std::string::npos) << beyond.out;
  EXPECT_EQ(cell_of(beyond.out, "October", 10, 1), " 1 ") << beyond.out;
}

TEST(CalendarShowCli, BadYearOrProvinceIsRefused) {
  auto year = run_xueji({"calendar", "show", "20x6"});
  EXPECT_EQ(year.status, 2);
  EXPECT_NE(year.err.find("'20x6' is not a year"), std::string::npos) << year.err;
  auto province = run_xueji({"calendar", "show", "2026", "--province", "459999"});
  EXPECT_EQ(province.status, 2);
  EXPECT_EQ(province.out, "");
  EXPECT_NE(province.err.find("unknown province code '459999'"), std::string::npos) << province.err;
}

}  // namespace
}  // namespace xueji::test
