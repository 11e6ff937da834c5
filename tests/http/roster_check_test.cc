// The termly check (Art. 25) and the dropout ledger (Art. 17) over real
// HTTP, on PostgreSQL and SQLite: a province opens the term's check for
// each of its schools, once; a school confirms its roster and each student
// it marks opens a follow-up in its county's ledger; a bad confirmation is
// refused naming the entry and changes nothing.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "engine/org/org_tree.h"
#include "engine/student/resident_id.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

constexpr const char* kTerm = "2025-2026-1";

// The demo tree's schools in Guangxi, where the checks open.
size_t guangxi_schools() {
  auto orgs = load_org_file(project_path("config/demo/orgs.yaml"));
  EXPECT_TRUE(orgs.ok());
  size_t n = 0;
  for (const Org* org : orgs->all()) {
    n += org->level == OrgLevel::school && orgs->province_of(org->code) == "450000";
  }
  return n;
}

class RosterCheck : public ApiFixture {
 protected:
  // Opens the term's checks as Guangxi's registrar; school -> case id.
  std::map<std::string, std::string> open_checks(int* opened = nullptr) {
    auto r = call("POST", "/v1/roster-checks", {{"term", kTerm}}, reg("450000"));
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;
    const json body = r.json();
    for (const auto& c : body["checks"]) {
      out[c.value("school", "")] = c.value("case", "");
    }
    if (opened != nullptr) *opened = r.json().value("opened", -1);
    return out;
  }
  json ledger(const std::string& org) {
    auto r = call("GET", "/v1/orgs/" + org + "/dropout-ledger", nullptr, reg(org));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["follow_ups"];
  }
};

TEST_P(RosterCheck, AProvinceOpensEachSchoolsCheckOnceWithItsWindow) {
  int opened = 0;
  auto checks = open_checks(&opened);
  EXPECT_EQ(checks.size(), guangxi_schools());
  EXPECT_EQ(static_cast<size_t>(opened), checks.size());
  auto school = call("GET", "/v1/cases/" + checks.at("4501020001"), nullptr, reg("4501020001"));
  ASSERT_EQ(school.status, 200) << school.body;
  EXPECT_EQ(school.json()["kind"], "roster_check");
  EXPECT_EQ(school.json()["subject"], "4501020001");
  // Friday 26 September 2025 plus 20 working days: the National Day and
  // Mid-Autumn holiday (1-8 October) rests, its make-up Sunday 28 September
  // and Saturday 11 October work (national schedule 2025).
  EXPECT_EQ(school.json()["steps"][0]["due"], "2025-10-30");
  // Repeated: every school keeps the check it has.
  auto again = open_checks(&opened);
  EXPECT_EQ(opened, 0);
  EXPECT_EQ(again, checks);
  // A county does not open them, nor a term that is none.
  expect_problem(call("POST", "/v1/roster-checks", {{"term", kTerm}}, reg("450102")), 403,
                 "role_forbidden");
  expect_problem(call("POST", "/v1/roster-checks", {{"term", "2025-2026-3"}}, reg("450000")), 422,
                 "invalid_field");
}

TEST_P(RosterCheck, MarkedStudentsOpenFollowUpsInTheirCountysLedger) {
  const std::string away = register_pupil('1');
  register_pupil('2');  // attending: no follow-up
  const std::string check = open_checks().at("4501020001");
  auto confirmed = call("POST", "/v1/roster-checks/" + check + "/confirmation",
                        {{"not_attending", {{{"student", away}, {"finding", "dropped_out"}}}}},
                        reg("4501020001"));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["case"]["status"], "closed");
  EXPECT_EQ(confirmed.json()["case"]["outcome"], "approved");
  ASSERT_EQ(confirmed.json()["follow_ups"].size(), 1u);
  const std::string follow_up = confirmed.json()["follow_ups"][0]["case"];
  EXPECT_EQ(confirmed.json()["follow_ups"][0]["opened"], true);

  auto county = ledger("450102");
  ASSERT_EQ(county.size(), 1u) << county;
  EXPECT_EQ(county[0]["case"], follow_up);
  EXPECT_EQ(county[0]["student"], away);
  EXPECT_EQ(county[0]["finding"], "dropped_out");
  EXPECT_EQ(county[0]["term"], kTerm);
  EXPECT_EQ(county[0]["org"], "450102");
  EXPECT_EQ(county[0]["history"][0]["type"], "opened");
  EXPECT_EQ(ledger("450100").size(), 1u);  // the city sees its counties'
  EXPECT_TRUE(ledger("450103").empty());   // another county does not

  // The county closes it once the pupil is back: off the ledger.
  auto closed =
      call("POST", "/v1/cases/" + follow_up + "/decisions",
           {{"step", "county"}, {"decision", "approve"}, {"note", "劝返复学"}}, reg("450102"));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_TRUE(ledger("450102").empty());
}

TEST_P(RosterCheck, ABadConfirmationIsRefusedNamingTheEntryAndChangesNothing) {
  const std::string away = register_pupil('1');
  const std::string check = open_checks().at("4501020001");
  const std::string elsewhere = register_student(5, "4501030001");
  const std::string path = "/v1/roster-checks/" + check + "/confirmation";
  struct Bad {
    json entries;
    const char* says;
  };
  const std::vector<Bad> bad = {
      {{{{"student", away}, {"finding", "dropped_out"}},
        {{"student", elsewhere}, {"finding", "separated"}}},
       "not_attending 第 1 项：学生"},
      {{{{"student", away}, {"finding", "truant"}}}, "not_attending 第 0 项：核查结论“truant”无效"},
      {{{{"student", away}, {"finding", "separated"}},
        {{"student", away}, {"finding", "separated"}}},
       "重复列出"},
      {{{{"student", "G000"}, {"finding", "separated"}}}, "学籍 G000 不存在"},
  };
  for (const auto& b : bad) {
    auto r = call("POST", path, {{"not_attending", b.entries}}, reg("4501020001"));
    expect_problem(r, 422, "invalid_field");
    EXPECT_NE(r.json().value("detail", "").find(b.says), std::string::npos) << r.body;
  }
  // In Chinese by default, each naming its entry. Another school's
  // registrar may not confirm it.
  auto other = call("POST", path, json::object(), reg("4501030001"));
  expect_problem(other, 403, "out_of_jurisdiction");
  EXPECT_TRUE(ledger("450102").empty());
  auto state = call("GET", "/v1/cases/" + check, nullptr, reg("4501020001"));
  EXPECT_EQ(state.json()["status"], "open") << state.body;
  // Confirmed, it cannot be confirmed again; nothing more opens.
  ASSERT_EQ(call("POST", path, json::object(), reg("4501020001")).status, 200);
  auto twice =
      call("POST", path, {{"not_attending", {{{"student", away}, {"finding", "separated"}}}}},
           reg("4501020001"));
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_TRUE(ledger("450102").empty());
}

// Art. 12, 17: a transfer approved moves the record with the pupil (籍随人走),
// which resolves the 人籍分离 the school found: the follow-up ends by itself.
TEST_P(RosterCheck, ATransferOfAMarkedPupilEndsTheFollowUp) {
  const std::string away = register_pupil('1');
  const std::string check = open_checks().at("4501020001");
  auto confirmed =
      call("POST", "/v1/roster-checks/" + check + "/confirmation",
           {{"not_attending", {{{"student", away}, {"finding", "separated"}}}}}, reg("4501020001"));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const std::string follow_up = confirmed.json()["follow_ups"][0]["case"];
  const std::string transfer = open_transfer(away);
  approve_transfer(transfer);
  // The follow-up ends after the transfer's commit, as the record's other
  // cases do when it closes: asked until it has.
  json state;
  for (int i = 0; i < 100; ++i) {
    state = call("GET", "/v1/cases/" + follow_up, nullptr, reg("450102")).json();
    if (state.value("status", "") == "closed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(state.value("outcome", ""), "superseded") << state;
  const json& last = state["history"].back();
  EXPECT_EQ(last.value("note", ""),
            "the record followed the student to school 4501030002 by case " + transfer)
      << last;
  EXPECT_TRUE(ledger("450102").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterCheck, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
