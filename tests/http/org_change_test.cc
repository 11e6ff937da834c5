// Schools that merge, close or open on a running server (Art. 12), on
// PostgreSQL and SQLite: the change is refused naming what is wrong and
// changing nothing; a merger hands the school's open cases and records to
// its successor in one recorded run, with a notice, and the cases go on
// there; a closure leaves the records in the department's keeping and ends
// the transfers into the school; a restart keeps the tree and finishes a
// hand-over a stop cut short.

#include "actors/port/transition.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class OrgChanges : public ApiFixture {
 protected:
  HttpAnswer change(const json& body, const std::string& as) {
    return call("POST", "/v1/org-changes", body, as);
  }
  json merge_of_4501020001() {
    return {{"kind", "merge"},
            {"school", "4501020001"},
            {"successor", "4501020002"},
            {"reason", "两校撤并"}};
  }
  json record(const std::string& number, const std::string& as) {
    auto r = call("GET", "/v1/students/" + number, json(), as);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  json read_case(const std::string& id, const std::string& as) {
    auto r = call("GET", "/v1/cases/" + id, json(), as);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static json step_named(const json& c, const std::string& name) {
    for (const auto& s : c["steps"]) {
      if (s.value("step", "") == name) return s;
    }
    return json();
  }
  // A first-grader born in 450102 registered at `school` (of county 450102)
  // by its county, ID sequence `seq`.
  HttpAnswer enrol_in_450102(const std::string& school, const std::string& seq) {
    return call("POST", "/v1/students",
                {{"id", make_resident_id("450102", "20190101", seq)},
                 {"name", "新生"},
                 {"school", school},
                 {"grade", 1}},
                reg("450102"));
  }
  // Whether `org`'s first roster page (its subtree's records, at most 500)
  // lists `number`.
  bool roster_lists(const std::string& org, const std::string& number) {
    auto r = call("GET", "/v1/orgs/" + org + "/students?limit=500", json(), reg(org));
    EXPECT_EQ(r.status, 200) << r.body;
    const json listed = r.json();
    for (const auto& s : listed["students"]) {
      if (s.value("registration_number", "") == number) return true;
    }
    return false;
  }
  HttpAnswer decide(const std::string& id, const std::string& step, const std::string& by) {
    return call("POST", "/v1/cases/" + id + "/decisions",
                {{"step", step}, {"decision", "approve"}, {"by", by}}, reg(by));
  }
};

TEST_P(OrgChanges, BadChangesAreRefusedNamingWhatIsWrongAndChangeNothing) {
  const std::string li = register_student();
  // A school does not merge itself; another county's registrar may not.
  expect_problem(change(merge_of_4501020001(), reg("4501020001")), 403, "role_forbidden");
  expect_problem(change(merge_of_4501020001(), reg("450103")), 403, "out_of_jurisdiction");
  // Across departments, into a county, into itself, unknown schools.
  json across = merge_of_4501020001();
  across["successor"] = "4501030001";
  expect_problem(change(across, reg("450102")), 422, "invalid_org");
  json into_county = merge_of_4501020001();
  into_county["successor"] = "450102";
  expect_problem(change(into_county, reg("450102")), 422, "invalid_org");
  json unknown = merge_of_4501020001();
  unknown["school"] = "4501029999";
  expect_problem(change(unknown, reg("450102")), 404, "unknown_org");
  expect_problem(change({{"kind", "split"}, {"school", "4501020001"}}, reg("450102")), 422,
                 "invalid_field");
  expect_problem(change({{"kind", "merge"}, {"school", "4501020001"}}, reg("450102")), 400,
                 "missing_field");
  expect_problem(change({{"kind", "open"},
                         {"school", "4501020009"},
                         {"name", "新校"},
                         {"parent", "450102"},
                         {"type", "college"}},
                        reg("450102")),
                 422, "invalid_field");
  // Nothing changed: the school runs, its student is where he was.
  EXPECT_EQ(record(li, reg("4501020001")).value("school", ""), "4501020001");
  auto listed = call("GET", "/v1/org-changes", json(), reg("450102"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(listed.json()["items"].empty());
}

TEST_P(OrgChanges, AMergerHandsTheOpenCasesAndRecordsToTheSuccessor) {
  const std::string li = register_student();
  const std::string wang = register_pupil('2');
  const std::string transfer = open_transfer(li);
  const std::string due =
      step_named(read_case(transfer, reg("450102")), "sending_school").value("holder_due", "");

  auto merged = change(merge_of_4501020001(), reg("450102"));
  ASSERT_EQ(merged.status, 201) << merged.body;
  const json m = merged.json();
  EXPECT_EQ(m.value("kind", ""), "merge");
  EXPECT_TRUE(m.value("finished", false));
  // The transfer, and the archive case each registration opened (Art. 6).
  EXPECT_EQ(m["hand_over"].value("cases_handed_over", 0), 3);
  EXPECT_EQ(m["hand_over"].value("records_moved", 0), 2);

  // The case goes on at the successor, with the date its step had.
  const json c = read_case(transfer, reg("4501020002"));
  const json sending = step_named(c, "sending_school");
  EXPECT_EQ(sending.value("org", ""), "4501020002");
  EXPECT_EQ(sending.value("holder", ""), "4501020002");
  EXPECT_EQ(sending.value("holder_due", ""), due);
  bool handed_over = false;
  for (const auto& e : c["history"]) handed_over |= e.value("type", "") == "handed_over";
  EXPECT_TRUE(handed_over) << c.dump();
  // The records are the successor's, each keeping where it was before.
  EXPECT_EQ(record(li, reg("4501020002")).value("school", ""), "4501020002");
  const json wangs = record(wang, reg("4501020002"));
  EXPECT_EQ(wangs.value("school", ""), "4501020002");
  bool moved_by_run = false;
  for (const auto& h : wangs["history"]) {
    moved_by_run |= h.value("field", "") == "school" && h.value("old_value", "") == "4501020001" &&
                    h.value("source", "") == "handover-4501020001";
  }
  EXPECT_TRUE(moved_by_run) << wangs.dump();
  // The successor is told.
  auto notices = call("GET", "/v1/orgs/4501020002/notices", json(), reg("4501020002"));
  ASSERT_EQ(notices.status, 200) << notices.body;
  const json told_to = notices.json();
  bool told = false;
  for (const auto& n : told_to["notices"]) told |= n.value("kind", "") == "handed_over";
  EXPECT_TRUE(told) << notices.body;

  // The merged school neither registers nor receives any more.
  expect_problem(enrol_in_450102("4501020001", "071"), 409, "org_closed");
  auto into = call("POST", "/v1/cases",
                   {{"kind", "transfer"}, {"student", wang}, {"to_school", "4501020001"}},
                   reg("4501020002"));
  EXPECT_NE(into.status, 201) << into.body;

  // The successor decides as the sending school, and the transfer completes
  // on the record it now holds (the compare-and-set takes the successor).
  ASSERT_EQ(decide(transfer, "sending_school", "4501020002").status, 200);
  ASSERT_EQ(decide(transfer, "sending_county", "450102").status, 200);
  ASSERT_EQ(decide(transfer, "receiving_county", "450103").status, 200);
  EXPECT_EQ(read_case(transfer, reg("450103")).value("outcome", ""), "approved");
  EXPECT_EQ(record(li, reg("4501030002")).value("school", ""), "4501030002");
  // Each record is listed under the county its school is in now, above a
  // school as at it (migration 0033 follows the moves).
  EXPECT_TRUE(roster_lists("450103", li));
  EXPECT_FALSE(roster_lists("450102", li));
  EXPECT_TRUE(roster_lists("450102", wang));
  EXPECT_TRUE(roster_lists("450100", li));

  // The same merger again finishes nothing more; the change is listed once.
  auto again = change(merge_of_4501020001(), reg("450102"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["hand_over"].value("cases_handed_over", -1), 0);
  auto listed = call("GET", "/v1/org-changes", json(), reg("450102"));
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  EXPECT_EQ(listed.json()["items"][0].value("successor", ""), "4501020002");
  int audited = 0;
  for (const auto& entry : audit_trail()) audited += entry.action == "org.change" ? 1 : 0;
  EXPECT_GE(audited, 2);
}

TEST_P(OrgChanges, AClosureKeepsTheRecordsWithTheDepartmentAndEndsTransfersIntoIt) {
  const std::string li = register_student();          // at 4501020001
  const std::string transfer_in = open_transfer(li);  // into 4501030002
  auto kept = call("POST", "/v1/students",
                   {{"id", make_resident_id("450103", "20170101", "081")},
                    {"name", "赵小兰"},
                    {"school", "4501030002"},
                    {"grade", 3}},
                   reg("4501030002"));
  ASSERT_EQ(kept.status, 201) << kept.body;
  const std::string zhao = kept.json().value("registration_number", "");

  auto closed =
      change({{"kind", "close"}, {"school", "4501030002"}, {"successor", "450103"}}, reg("450103"));
  ASSERT_EQ(closed.status, 201) << closed.body;
  EXPECT_EQ(closed.json()["hand_over"].value("cases_superseded", 0), 1);
  EXPECT_EQ(closed.json()["hand_over"].value("records_moved", -1), 0);
  // Nobody moves into a closed school; the student's hold is given back.
  const json ended = read_case(transfer_in, reg("450102"));
  EXPECT_EQ(ended.value("outcome", ""), "superseded");
  EXPECT_EQ(record(li, reg("4501020001")).value("status", ""), "enrolled");
  // Its records stay where they are, in the department's keeping; a
  // transfer out of it has the department act for the school.
  EXPECT_EQ(record(zhao, reg("450103")).value("school", ""), "4501030002");
  auto out = call("POST", "/v1/cases",
                  {{"kind", "transfer"}, {"student", zhao}, {"to_school", "4501030001"}},
                  reg("4501030001"));
  ASSERT_EQ(out.status, 201) << out.body;
  EXPECT_EQ(step_named(out.json(), "sending_school").value("holder", ""), "450103");
  // The closed school's accounts act no more: a token it held before is
  // refused, it cannot sign in again, and no new account opens there; the
  // department's accounts go on.
  auto stale = call("GET", "/v1/orgs/4501030002/pending", json(), reg("4501030002"));
  expect_problem(stale, 403, "account_org_closed");
  EXPECT_NE(stale.body.find("450103"), std::string::npos) << stale.body;
  expect_problem(sign_in("reg.4501030002"), 403, "account_org_closed");
  auto opened = call("POST", "/v1/accounts",
                     {{"name", "reg2.4501030002"},
                      {"org", "4501030002"},
                      {"role", "registrar"},
                      {"password", "Xueji-Closed-2026!"}},
                     admin("450103"));
  expect_problem(opened, 409, "org_closed");
  EXPECT_EQ(call("GET", "/v1/accounts/reg2.4501030002", json(), admin("450103")).status, 404);
  EXPECT_EQ(call("GET", "/v1/orgs/4501030002/students", json(), reg("450103")).status, 200);
}

TEST_P(OrgChanges, ARestartKeepsTheTreeAndFinishesAHandOverCutShort) {
  const std::string li = register_student();
  const std::string transfer = open_transfer(li);
  // The change recorded, as the route records it, but its hand-over cut
  // short before it began (a stop right after the commit).
  Transition t;
  t.records.org_changes.push_back(OrgChangeRecord{
      OrgChange{OrgChangeKind::merge, "4501020001", "", "", std::nullopt, "4501020002"},
      clock_->now(), "reg.450102", "两校撤并"});
  ASSERT_TRUE(engine_->commit(std::move(t)).ok());
  stop();
  start(clock_);
  // The start put the merger in force and ran its hand-over.
  EXPECT_EQ(record(li, reg("4501020002")).value("school", ""), "4501020002");
  EXPECT_EQ(
      step_named(read_case(transfer, reg("4501020002")), "sending_school").value("holder", ""),
      "4501020002");
  auto listed = call("GET", "/v1/org-changes", json(), reg("450102"));
  ASSERT_EQ(listed.json()["items"].size(), 1u) << listed.body;
  EXPECT_TRUE(listed.json()["items"][0].value("finished", false));
  expect_problem(enrol_in_450102("4501020001", "091"), 409, "org_closed");
}

TEST_P(OrgChanges, ASchoolOpensAndIsRenamedOnTheRunningServer) {
  auto opened = change({{"kind", "open"},
                        {"school", "4501020009"},
                        {"name", "兴宁区新城小学"},
                        {"parent", "450102"},
                        {"type", "primary"}},
                       reg("450102"));
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_TRUE(opened.json().value("finished", false));
  auto org = call("GET", "/v1/orgs/4501020009", json(), reg("450102"));
  ASSERT_EQ(org.status, 200) << org.body;
  EXPECT_NE(org.body.find("兴宁区新城小学"), std::string::npos) << org.body;
  auto renamed =
      change({{"kind", "rename"}, {"school", "4501020009"}, {"name", "兴宁区新城第一小学"}},
             reg("450102"));
  ASSERT_EQ(renamed.status, 201) << renamed.body;
  // A record at the new school is in its county's roster.
  auto pupil = enrol_in_450102("4501020009", "081");
  ASSERT_EQ(pupil.status, 201) << pupil.body;
  const std::string number = pupil.json().value("registration_number", "");
  EXPECT_TRUE(roster_lists("450102", number)) << number;
  EXPECT_FALSE(roster_lists("450103", number)) << number;
  stop();
  start(clock_);
  auto after = call("GET", "/v1/orgs/4501020009", json(), reg("450102"));
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_NE(after.body.find("兴宁区新城第一小学"), std::string::npos) << after.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgChanges, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
