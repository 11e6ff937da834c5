// Working days as the registrars read them, over HTTP on PostgreSQL and
// SQLite: the inbox's items count the working days left to the party's due
// date on its province's calendar (0 on the due day, negative once past),
// and GET /v1/calendars/{year} answers the days that are not ordinary.

#include <map>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class CalendarView : public ApiFixture {
 protected:
  // The transfer's sending-school step in 4501020001's pending list.
  json pending_item(const std::string& id) {
    auto r = call("GET", "/v1/orgs/4501020001/pending", nullptr, reg("4501020001"));
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    for (const auto& item : page["pending"]) {
      if (item["case"] == id) return item;
    }
    return json();
  }
  void advance(const std::string& to) {
    auto r = call("POST", "/v1/clock/advance", {{"to", to}}, admin("000000"));
    ASSERT_EQ(r.status, 200) << r.body;
  }
};

TEST_P(CalendarView, PendingAndOverdueItemsCountWorkingDaysLeft) {
  // Opened Friday 2025-09-26: 10 working days across National Day (Art. 15).
  const std::string id = open_transfer(register_student());
  json item = pending_item(id);
  ASSERT_TRUE(item.is_object())
      << id << " " << call("GET", "/v1/orgs/4501020001/pending", nullptr, reg("4501020001")).body;
  EXPECT_EQ(item["due"], "2025-10-16");
  EXPECT_EQ(item["working_days_left"], 10);
  // Saturday 2025-09-27 is no working day; Sunday the 28th is a make-up one.
  advance("2025-09-27T10:00:00+08:00");
  EXPECT_EQ(pending_item(id)["working_days_left"], 10);
  advance("2025-09-28T10:00:00+08:00");
  EXPECT_EQ(pending_item(id)["working_days_left"], 9);
  advance("2025-10-16T10:00:00+08:00");
  EXPECT_EQ(pending_item(id)["working_days_left"], 0);
  // Past the due day: the county's overdue list counts the days overdue.
  advance("2025-10-20T10:00:00+08:00");
  auto r = call("GET", "/v1/orgs/450102/overdue", nullptr, reg("450102"));
  ASSERT_EQ(r.status, 200) << r.body;
  bool seen = false;
  const json overdue = r.json();
  for (const auto& o : overdue["overdue"]) {
    if (o["case"] != id) continue;
    seen = true;
    EXPECT_EQ(o["working_days_left"], -2);  // Friday the 17th and Monday the 20th
  }
  EXPECT_TRUE(seen) << r.body;
}

// One page, parties of two provinces: each row counts on its own party's
// calendar (Art. 15). Guangxi's 壮族三月三 keeps Friday 2026-04-17 and
// Monday 2026-04-20 off; Guangdong works them.
TEST_P(CalendarView, APagesRowsCountOnEachPartysOwnProvincesCalendar) {
  // Months pass: the calendars, not the password rule, are under test.
  password_rotation_ = false;
  stop();
  url_ = fresh_database(GetParam());
  start(clock_);
  // An account unused for six months is sealed (Art. 24): each of the
  // test's registrars signs in on the way.
  advance("2026-01-15T10:00:00+08:00");
  for (const char* school : {"4501020001", "4501030002", "4403040001", "4403040002"}) {
    auto used = call("GET", std::string("/v1/orgs/") + school + "/pending", nullptr, reg(school));
    ASSERT_EQ(used.status, 200) << used.body;
  }
  advance("2026-04-13T10:00:00+08:00");  // a Monday
  const std::string guangxi = open_transfer(register_student());
  auto registered = call(
      "POST", "/v1/students",
      {{"id", "440304201309150010"}, {"name", "陈小红"}, {"school", "4403040001"}, {"grade", 5}},
      reg("4403040001"));
  ASSERT_EQ(registered.status, 201) << registered.body;
  auto opened = call("POST", "/v1/cases",
                     {{"kind", "transfer"},
                      {"student", registered.json()["registration_number"]},
                      {"to_school", "4403040002"}},
                     reg("4403040002"));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string guangdong = opened.json()["id"];
  // Two days later both count eight working days left to their own due
  // dates; the Guangdong row counted on Guangxi's calendar would have six.
  advance("2026-04-15T10:00:00+08:00");
  auto r = call("GET", "/v1/orgs/000000/cases?limit=500", nullptr, admin("000000"));
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<std::string, json> rows;
  const json page = r.json();
  for (const auto& item : page["cases"]) rows[item["case"].get<std::string>()] = item;
  ASSERT_TRUE(rows.count(guangxi) && rows.count(guangdong)) << r.body;
  EXPECT_EQ(rows[guangxi]["due"], "2026-04-29");
  EXPECT_EQ(rows[guangxi]["working_days_left"], 8);
  EXPECT_EQ(rows[guangdong]["due"], "2026-04-27");
  EXPECT_EQ(rows[guangdong]["working_days_left"], 8);
}

TEST_P(CalendarView, AYearsNationalCalendarNamesItsHolidaysAndMakeUpDays) {
  auto r = call("GET", "/v1/calendars/2025", nullptr, reg("4501020001"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json c = r.json();
  EXPECT_EQ(c["year"], 2025);
  EXPECT_TRUE(c["province"].is_null());
  EXPECT_EQ(c["provisional"], false);
  std::map<std::string, json> days;
  for (const auto& d : c["days"]) days[d["date"]] = d;
  ASSERT_TRUE(days.count("2025-10-01"));
  EXPECT_EQ(days["2025-10-01"]["kind"], "holiday");
  EXPECT_EQ(days["2025-10-01"]["working"], false);
  EXPECT_EQ(days["2025-10-01"]["name"], "国庆节、中秋节 National Day and Mid-Autumn");
  ASSERT_TRUE(days.count("2025-09-28"));
  EXPECT_EQ(days["2025-09-28"]["kind"], "make_up");
  EXPECT_EQ(days["2025-09-28"]["working"], true);
  EXPECT_EQ(days["2025-09-28"]["name"], "国庆节、中秋节 National Day and Mid-Autumn");
  // An ordinary weekday and an ordinary weekend are not listed.
  EXPECT_EQ(days.count("2025-09-26"), 0u);
  EXPECT_EQ(days.count("2025-09-27"), 0u);
  // Guangxi's own days are not national ones.
  EXPECT_EQ(days.count("2025-03-31"), 0u);
}

TEST_P(CalendarView, AProvincesCalendarShowsItsOverlay) {
  auto r = call("GET", "/v1/calendars/2025?province=450000", nullptr, reg("4501020001"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json c = r.json();
  EXPECT_EQ(c["province"], "450000");
  EXPECT_EQ(c["overlay"], true);
  bool sanyuesan = false, national_day = false;
  for (const auto& d : c["days"]) {
    if (d["date"] == "2025-03-31") {
      sanyuesan = true;
      EXPECT_EQ(d["kind"], "overlay_off");
      EXPECT_EQ(d["name"], "壮族三月三");
    }
    if (d["date"] == "2025-10-01") national_day = d["kind"] == "holiday";
  }
  EXPECT_TRUE(sanyuesan) << r.body;
  EXPECT_TRUE(national_day);
}

TEST_P(CalendarView, TheYearAfterTheLastLoadedIsProvisionalOthersAreRefused) {
  auto next = call("GET", "/v1/calendars/2027", nullptr, reg("4501020001"));
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json()["provisional"], true);
  // Only its statutory holidays are known (config/calendars/statutory.yaml),
  // the 13 days of 2027 (weekends inside a holiday's span too).
  std::vector<std::string> off;
  const nlohmann::json days = next.json()["days"];
  for (const auto& d : days) {
    EXPECT_EQ(d["kind"], "holiday") << d.dump();
    EXPECT_NE(d.value("name", "").find("(statutory)"), std::string::npos) << d.dump();
    off.push_back(d.value("date", ""));
  }
  EXPECT_EQ(off, (std::vector<std::string>{"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07",
                                           "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02",
                                           "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02",
                                           "2027-10-03"}));
  expect_problem(call("GET", "/v1/calendars/2031", nullptr, reg("4501020001")), 404,
                 "unknown_year");
  expect_problem(call("GET", "/v1/calendars/1999", nullptr, reg("4501020001")), 404,
                 "unknown_year");
  for (const char* bad : {"/v1/calendars/25", "/v1/calendars/20x5", "/v1/calendars/02025"}) {
    expect_problem(call("GET", bad, nullptr, reg("4501020001")), 400, "invalid_year");
  }
  expect_problem(call("GET", "/v1/calendars/2025?province=990000", nullptr, reg("4501020001")), 404,
                 "unknown_province");
  expect_problem(call("GET", "/v1/calendars/2025?province=", nullptr, reg("4501020001")), 404,
                 "unknown_province");
  // A token is needed.
  EXPECT_EQ(call("GET", "/v1/calendars/2025", nullptr, "").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarView, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
