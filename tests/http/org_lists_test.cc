// An org's roster and its open cases in pages over HTTP, on PostgreSQL and
// SQLite (issue 17), with the contract of the other lists
// (pagination_test.cc): every item once and in order across pages, the
// subtree cut before the page's limit, `limit` and `cursor` refused with
// 400 naming them, a cursor bound to its list and org.

#include <set>

#include "tests/http/page_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class OrgLists : public PageFixture {
 protected:
  // Has 4501030002 open a transfer of each of `students` (Art. 15); the ids.
  std::vector<std::string> transfer_all(const std::vector<std::string>& students) {
    std::vector<std::string> ids;
    for (const auto& student : students) ids.push_back(open_transfer(student));
    return ids;
  }

  static std::set<std::string> set_of(const std::vector<std::string>& items) {
    return std::set<std::string>(items.begin(), items.end());
  }
};

TEST_P(OrgLists, RosterPagesMeetEveryRecordOnceInOrder) {
  const auto first = register_students("4501020001", 7);
  const auto second = register_students("4501020002", 4);
  const auto elsewhere = register_students("4501030001", 3);

  int pages = 0;
  const auto school =
      walk("/v1/orgs/4501020001/students", "students", 3, reg("4501020001"), &pages);
  EXPECT_EQ(pages, 3);  // 3, 3, 1
  ASSERT_EQ(school.size(), first.size());
  expect_ordered(school, "registration_number", "registration_number");
  EXPECT_EQ(set_of(field(school, "registration_number")), set_of(first));
  EXPECT_EQ(school.front().value("school", ""), "4501020001");
  EXPECT_EQ(school.front().value("status", ""), "enrolled");
  EXPECT_EQ(school.front().value("name", ""), "学生");

  // The county's roster is its schools', cut before the limit.
  const auto county = walk("/v1/orgs/450102/students", "students", 4, reg("450102"));
  ASSERT_EQ(county.size(), first.size() + second.size());
  expect_ordered(county, "registration_number", "registration_number");
  std::set<std::string> mine = set_of(first);
  mine.insert(second.begin(), second.end());
  EXPECT_EQ(set_of(field(county, "registration_number")), mine);
  // The city's holds both counties; the other county only its own.
  EXPECT_EQ(walk("/v1/orgs/450100/students", "students", 5, reg("450100")).size(),
            first.size() + second.size() + elsewhere.size());
  EXPECT_EQ(set_of(field(walk("/v1/orgs/450103/students", "students", 2, reg("450103")),
                         "registration_number")),
            set_of(elsewhere));

  // Without parameters: the first 100, all of them here, and no more.
  auto whole = page("/v1/orgs/4501020001/students", "", reg("4501020001"));
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_FALSE(whole.json().value("has_more", true));
  EXPECT_TRUE(whole.json()["next_cursor"].is_null());
  EXPECT_EQ(whole.json().value("org", ""), "4501020001");
  EXPECT_EQ(field(rows_of(whole, "students"), "registration_number"),
            field(school, "registration_number"));
  // An org with no records answers an empty last page.
  auto none = page("/v1/orgs/4501030002/students", "limit=500", reg("4501030002"));
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(none.json()["students"].empty());
  EXPECT_FALSE(none.json().value("has_more", true));
  // Jurisdiction: a school reads neither its county's roster nor another's.
  expect_problem(page("/v1/orgs/450102/students", "", reg("4501020001")), 403,
                 "out_of_jurisdiction");
  expect_problem(page("/v1/orgs/4501020002/students", "", reg("4501020001")), 403,
                 "out_of_jurisdiction");
  expect_problem(page("/v1/orgs/9999999999/students", "", admin("000000")), 404, "unknown_org");
}

// An org's open cases: every open step whose party is in the org's
// subtree, by (due, case), whoever holds it; an escalation leaves it there.
TEST_P(OrgLists, OpenCasesPagesCoverTheSubtreeInOrder) {
  const auto first = transfer_all(register_students("4501020001", 4));
  ASSERT_EQ(
      call("POST", "/v1/clock/advance", {{"to", "2025-09-29T09:00:00+08:00"}}, admin("000000"))
          .status,
      200);
  const auto second = transfer_all(register_students("4501020002", 3));

  // Each registration also gave its school an archive step (Art. 6).
  int pages = 0;
  const auto school = walk("/v1/orgs/4501020001/cases", "cases", 3, reg("4501020001"), &pages);
  ASSERT_EQ(school.size(), 2 * first.size());
  EXPECT_EQ(pages, 3);  // 3, 3, 2
  expect_ordered(school, "due", "case");
  std::set<std::string> transfers;
  for (const auto& row : school) {
    EXPECT_EQ(row.value("org", ""), "4501020001") << row.dump();
    if (row.value("kind", "") == "transfer") transfers.insert(row.value("case", ""));
  }
  EXPECT_EQ(transfers, set_of(first));
  // Before any escalation, the school's open steps are its pending list.
  auto pending = page("/v1/orgs/4501020001/pending", "limit=500", reg("4501020001"));
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_EQ(set_of(field(rows_of(pending, "pending"), "case")), set_of(field(school, "case")));

  const auto county = walk("/v1/orgs/450102/cases", "cases", 4, reg("450102"));
  ASSERT_EQ(county.size(), 2 * (first.size() + second.size()));
  expect_ordered(county, "due", "case");
  EXPECT_TRUE(walk("/v1/orgs/450103/cases", "cases", 2, reg("450103")).empty());

  // Past every party's due date the steps escalate; they stay the
  // school's open cases, now held by its superiors.
  ASSERT_EQ(
      call("POST", "/v1/clock/advance", {{"to", "2025-10-25T00:00:00+08:00"}}, admin("000000"))
          .status,
      200);
  const auto later = walk("/v1/orgs/4501020001/cases", "cases", 5, reg("4501020001"));
  EXPECT_EQ(set_of(field(later, "case")), set_of(field(school, "case")));
  bool escalated = false;
  for (const auto& row : later) escalated = escalated || row.value("holder", "") != "4501020001";
  EXPECT_TRUE(escalated);
  expect_problem(page("/v1/orgs/450103/cases", "", reg("4501020001")), 403, "out_of_jurisdiction");
}

TEST_P(OrgLists, AMalformedLimitOrCursorIs400NamingIt) {
  transfer_all(register_students("4501020001", 3));
  const std::string as = reg("4501020001");
  for (const char* path : {"/v1/orgs/4501020001/students", "/v1/orgs/4501020001/cases"}) {
    const auto before = page(path, "", as).body;
    for (const char* limit : {"0", "501", "-1", "abc", "1.5", "", "1e2"}) {
      auto r = page(path, std::string("limit=") + limit, as);
      expect_problem(r, 400, "invalid_limit");
      EXPECT_NE(r.json().value("detail", "").find("查询参数 limit"), std::string::npos) << r.body;
    }
    expect_problem(page(path, "limit=5&limit=6", as), 400, "invalid_limit");
    for (const std::string& cursor :
         {std::string("!!!"), std::string("bm90IGpzb24"), std::string("eyJhIjoxfQ"),
          std::string("e30="), std::string("%zz")}) {
      auto r = page(path, "cursor=" + cursor, as);
      expect_problem(r, 400, "invalid_cursor");
      EXPECT_NE(r.json().value("detail", "").find("查询参数 cursor"), std::string::npos) << r.body;
    }
    EXPECT_EQ(page(path, "", as).body, before);
  }
  // A cursor serves its own list of its own org only.
  auto roster = page("/v1/orgs/4501020001/students", "limit=1", as);
  ASSERT_EQ(roster.status, 200) << roster.body;
  const std::string students_cursor = roster.json().value("next_cursor", "");
  ASSERT_FALSE(students_cursor.empty()) << roster.body;
  auto cases = page("/v1/orgs/4501020001/cases", "limit=1", as);
  ASSERT_EQ(cases.status, 200) << cases.body;
  const std::string cases_cursor = cases.json().value("next_cursor", "");
  ASSERT_FALSE(cases_cursor.empty()) << cases.body;
  EXPECT_EQ(page("/v1/orgs/4501020001/students", "cursor=" + students_cursor, as).status, 200);
  EXPECT_EQ(page("/v1/orgs/4501020001/cases", "cursor=" + cases_cursor, as).status, 200);
  for (const auto& [path, cursor] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/orgs/4501020001/cases", students_cursor},
           {"/v1/orgs/4501020001/students", cases_cursor},
           {"/v1/orgs/4501020001/pending", cases_cursor},
           {"/v1/orgs/450102/students", students_cursor},
           {"/v1/orgs/450102/cases", cases_cursor}}) {
    expect_problem(page(path, "cursor=" + cursor, admin("450102")), 400, "invalid_cursor");
  }
  // Jurisdiction first: a caller who may not read the org learns nothing
  // about its parameters.
  expect_problem(page("/v1/orgs/450103/students", "limit=0", as), 403, "out_of_jurisdiction");
  expect_problem(page("/v1/orgs/450103/cases", "cursor=!!!", as), 403, "out_of_jurisdiction");
}

// The sign-in blocks (issue 18) in pages by (account, address), each
// caller's jurisdiction cut before the limit.
TEST_P(OrgLists, SignInBlockPagesMeetEveryBlockOnceInOrder) {
  throttle_.sign_in_failures = 1;  // one wrong password blocks the pair
  throttle_.trusted_proxies = *http::TrustedProxies::parse({"127.0.0.1"});
  stop();
  start(clock_);
  const auto wrong = [&](const std::string& from, const std::string& account) {
    auto r = http_call(server_->port(), "POST", "/v1/sessions",
                       json{{"name", account}, {"password", "Wrong-Password-1"}}.dump(),
                       {{"X-Forwarded-For", from}});
    EXPECT_EQ(r.status, 401) << r.body;
  };
  for (const char* from : {"203.0.113.5", "203.0.113.9"}) {
    for (const char* name : {"no.such.c", "no.such.a", "no.such.b"}) wrong(from, name);
    for (const char* org : {"4501020001", "4501020002", "4501030001"}) wrong(from, reg(org));
  }
  int pages = 0;
  const auto all = walk("/v1/sign-in-blocks", "blocks", 4, admin("000000"), &pages);
  ASSERT_EQ(all.size(), 12u);
  EXPECT_EQ(pages, 3);
  expect_ordered(all, "account", "address");
  // The county's administrator: its two registrars' blocks only.
  const auto county = walk("/v1/sign-in-blocks", "blocks", 3, admin("450102"));
  ASSERT_EQ(county.size(), 4u);
  expect_ordered(county, "account", "address");
  for (const auto& row : county) {
    EXPECT_EQ(row.value("account", "").rfind("reg.450102", 0), 0u) << row.dump();
  }
  auto first = page("/v1/sign-in-blocks", "limit=4", admin("000000"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.json().value("truncated", false));  // its older name for has_more
  expect_problem(page("/v1/sign-in-blocks", "limit=501", admin("000000")), 400, "invalid_limit");
  expect_problem(page("/v1/sign-in-blocks", "cursor=e30", admin("000000")), 400, "invalid_cursor");
  // The cursor is a position in this list only: another list refuses it.
  const std::string cursor = first.json().value("next_cursor", "");
  ASSERT_FALSE(cursor.empty()) << first.body;
  EXPECT_EQ(page("/v1/sign-in-blocks", "limit=4&cursor=" + cursor, admin("000000")).status, 200);
  expect_problem(page("/v1/orgs/4501020001/students", "cursor=" + cursor, reg("4501020001")), 400,
                 "invalid_cursor");
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgLists, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
