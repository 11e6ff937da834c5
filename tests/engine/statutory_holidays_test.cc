// A year without its notice rests the statutory holidays (全国年节及纪念日放假办法
// Art. 2, config/calendars/statutory.yaml) on its provisional calendar: only
// its bridges and make-up days stay unknown. A year with a notice is ruled
// by the notice alone, which holds every statutory day (checked for 2025
// and 2026); a bad file is refused with its line.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/calendar/calendar_loader.h"
#include "engine/calendar/statutory_holidays.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

std::string text_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class StatutoryHolidays : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = load_calendars(project_path("config/calendars"));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    calendars_ = new CalendarSet(std::move(*loaded));
  }
  static void TearDownTestSuite() { delete calendars_; }
  static const WorkingDayCalendar& national() { return calendars_->national(); }
  static inline CalendarSet* calendars_ = nullptr;
};

TEST_F(StatutoryHolidays, AYearWithoutItsNoticeRestsThemProvisionally) {
  ASSERT_EQ(calendars_->national_years(), (std::vector<int>{2025, 2026}));
  for (const char* off : {"2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09",
                          "2027-09-15", "2027-10-01"}) {
    EXPECT_FALSE(national().is_working_day(day(off))) << off;
    EXPECT_TRUE(national().is_provisional(day(off))) << off;
  }
  // The bridges and make-up days are the notice's to set: a weekday after
  // a statutory day still works, provisionally.
  for (const char* worked : {"2027-02-09", "2027-05-03", "2027-10-04"}) {
    EXPECT_TRUE(national().is_working_day(day(worked))) << worked;
    EXPECT_TRUE(national().is_provisional(day(worked))) << worked;
  }
  // Counting across 春节: 4 February, then 9 February.
  const WorkingDayAnswer next = national().add_working_days(day("2027-02-04"), 1);
  EXPECT_EQ(next.date, day("2027-02-09"));
  EXPECT_TRUE(next.provisional);
  // A province's calendar rests them too.
  auto guangxi = calendars_->for_province("450000");
  ASSERT_TRUE(guangxi.ok());
  EXPECT_FALSE((*guangxi)->is_working_day(day("2027-02-05")));
}

TEST_F(StatutoryHolidays, EveryNoticeLoadedRestsEveryStatutoryDayOfItsYear) {
  const std::string path = project_path("config/calendars/statutory.yaml");
  YamlSource yaml(path, text_of(path));
  const auto years = read_statutory_holidays(yaml);
  int checked = 0;
  for (const auto& y : years) {
    if (y.year != 2025 && y.year != 2026) continue;
    ASSERT_EQ(y.days_off.size(), 13u) << y.year;  // 1 + 4 + 1 + 2 + 1 + 1 + 3
    for (Date d : y.days_off) {
      EXPECT_FALSE(national().is_working_day(d)) << d.to_string();
      EXPECT_FALSE(national().is_provisional(d)) << d.to_string();
      ++checked;
    }
  }
  EXPECT_EQ(checked, 26);
}

const char* kNational2026 = R"(scope: national
year: 2026
holidays:
  - {name: New Year, from: 2026-01-01, to: 2026-01-03}
)";

TEST_F(StatutoryHolidays, AYearWithANoticeIsRuledByTheNoticeAlone) {
  // The list puts 中秋 on 24 September 2026; the notice does not rest it.
  const char* list = R"(scope: statutory
years:
  - {year: 2026, chuxi: 2026-02-16, qingming: 2026-04-05, duanwu: 2026-06-19, zhongqiu: 2026-09-24}
  - {year: 2027, chuxi: 2027-02-05, qingming: 2027-04-05, duanwu: 2027-06-09, zhongqiu: 2027-09-15}
)";
  auto r = load_calendars(
      std::vector<CalendarSource>{{"n/2026.yaml", kNational2026}, {"statutory.yaml", list}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->national().is_working_day(day("2026-09-24")));
  EXPECT_FALSE(r->national().is_working_day(day("2027-09-15")));
  EXPECT_EQ(r->national_years(), std::vector<int>{2026});
}

TEST_F(StatutoryHolidays, ABadListIsRefusedWithItsLine) {
  auto refused = [](const std::string& text, const std::string& reason) {
    auto r = load_calendars(
        std::vector<CalendarSource>{{"n/2026.yaml", kNational2026}, {"statutory.yaml", text}});
    ASSERT_FALSE(r.ok()) << reason;
    EXPECT_EQ(r.error().code, "invalid_file");
    EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
  };
  refused(R"(scope: statutory
years:
  - {year: 2027, chuxi: 2027-03-05, qingming: 2027-04-05, duanwu: 2027-06-09, zhongqiu: 2027-09-15}
)",
          "statutory.yaml:3: chuxi 2027-03-05 lies outside 2027-01-20 to 2027-02-19");
  refused(R"(scope: statutory
years:
  - {year: 2027, chuxi: 2027-02-05, qingming: 2027-04-05, duanwu: 2027-06-09, zhongqiu: 2027-09-15}
  - {year: 2027, chuxi: 2027-02-05, qingming: 2027-04-05, duanwu: 2027-06-09, zhongqiu: 2027-09-15}
)",
          "statutory.yaml:4: year 2027 is given twice");
  refused(R"(scope: statutory
years:
  - {year: 2027, chuxi: 2027-02-05, qingming: 2027-04-05, duanwu: 2027-06-09}
)",
          "statutory.yaml:3");
  refused(R"(scope: statutory
years: []
holidays: []
)",
          "statutory.yaml:3");
}

}  // namespace
}  // namespace xueji::test
