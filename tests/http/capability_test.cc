// Accounts scoped by capability (issue 18) and the death case's dates (Art.
// 21, issue 16) over real HTTP, on PostgreSQL and SQLite: the population
// registry's adapter, a system account limited to open:death_deregistration,
// opens a death case and is refused (403 capability_missing, audited,
// nothing changed) everything else; impossible dates are refused naming the
// field, nothing changed.

#include <gtest/gtest.h>

#include "engine/student/resident_id.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class CapabilityTest : public ApiFixture {
 protected:
  // A system account of `org` created by the county's administrator, limited
  // to `capabilities`, shown as created; a token issued to it.
  std::string system_token(const std::string& name, const std::string& org,
                           const json& capabilities) {
    auto created = call("POST", "/v1/accounts",
                        {{"name", name},
                         {"org", org},
                         {"role", "registrar"},
                         {"kind", "system"},
                         {"capabilities", capabilities}},
                        admin("450102"));
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json()["capabilities"], capabilities);
    auto issued = call("POST", "/v1/accounts/" + name + "/tokens", nullptr, admin("450102"));
    EXPECT_EQ(issued.status, 201) << issued.body;
    return issued.json().value("token", "");
  }

  // The registry's adapter at the school: a system account limited to
  // opening death deregistrations; its token.
  std::string registry_token() {
    return system_token("registry.4501020001", "4501020001",
                        json::array({"open:death_deregistration"}));
  }

  HttpAnswer as(const std::string& token, const std::string& method, const std::string& target,
                const json& body, const std::string& language = "en") {
    return http_call(server_->port(), method, target, body.is_null() ? "" : body.dump(),
                     {{"Authorization", "Bearer " + token}, {"Accept-Language", language}});
  }

  int64_t rows(const char* table) {
    auto s = TestStore::open(url_);
    EXPECT_TRUE(s.ok());
    auto n = (*s)->count_rows(table);
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  std::string token_of(const std::string& account) {
    auto r = sign_in(account);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("token", "");
  }

  // A child registered at `school`, its ID's sequence `n`; the registration number.
  std::string register_at(const std::string& school, char n) {
    std::string id = std::string("45010220130915") + "0" + n + "1";
    id.push_back(resident_id_check_char(id));
    auto r = call("POST", "/v1/students",
                  {{"id", id}, {"name", "王小红"}, {"school", school}, {"grade", 5}}, reg(school));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  static json death(const std::string& student, const std::string& died,
                    const std::string& learned) {
    json body{{"kind", "death_deregistration"}, {"student", student}};
    if (!died.empty()) body["date_of_death"] = died;
    if (!learned.empty()) body["learned_on"] = learned;
    return body;
  }
};

TEST_P(CapabilityTest, TheRegistryOpensADeathAndNothingElse) {
  const std::string student = register_student();
  const std::string token = registry_token();
  // The clock is at 2025-09-26; the school learned on 09-22 of a death on
  // 09-20: 60 working days from 09-22, across National Day.
  auto opened = as(token, "POST", "/v1/cases", death(student, "2025-09-20", "2025-09-22"));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json c = opened.json();
  EXPECT_EQ(c["date_of_death"], "2025-09-20");
  EXPECT_EQ(c["learned_on"], "2025-09-22");
  EXPECT_EQ(c["steps"][0]["due"], "2025-12-19");
  const std::string id = c.value("id", "");
  // The case as anyone who may read it sees it, with its dates.
  auto read = call("GET", "/v1/cases/" + id, nullptr, reg("4501020001"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["learned_on"], "2025-09-22");

  const int64_t students = rows("students"), cases = rows("cases"), events = rows("case_events");
  const size_t trail = audit_trail().size();
  struct Refused {
    std::string method, target;
    json body;
    std::string capability;
  };
  const std::vector<Refused> refusals = {
      {"POST", "/v1/students",
       json{{"id", "450102201405050018"}, {"name", "王五"}, {"school", "4501020001"}, {"grade", 3}},
       "register_student"},
      {"POST", "/v1/cases",
       json{{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}},
       "open:transfer"},
      {"POST", "/v1/cases/" + id + "/decisions", json{{"step", "school"}, {"decision", "approve"}},
       "decide"},
      {"POST", "/v1/cases/" + id + "/withdraw", json::object(), "withdraw"},
      {"GET", "/v1/cases/" + id, nullptr, "read"},
      {"GET", "/v1/orgs/4501020001/pending", nullptr, "read"},
  };
  for (const auto& r : refusals) {
    SCOPED_TRACE(r.method + " " + r.target);
    auto answer = as(token, r.method, r.target, r.body);
    expect_problem(answer, 403, "capability_missing");
    EXPECT_EQ(answer.json().value("detail", ""),
              "account 'registry.4501020001' lacks the capability '" + r.capability +
                  "' (it holds only: open:death_deregistration)");
  }
  // In Chinese (the default), naming the capability.
  auto zh = as(token, "POST", "/v1/cases/" + id + "/decisions",
               json{{"step", "school"}, {"decision", "approve"}}, "zh-CN");
  EXPECT_EQ(zh.status, 403);
  EXPECT_EQ(zh.json().value("detail", ""),
            "账号 registry.4501020001 没有“decide”权限（仅有：open:death_deregistration）");
  // Nothing changed, and every refusal is on the trail as a 403 is.
  EXPECT_EQ(rows("students"), students);
  EXPECT_EQ(rows("cases"), cases);
  EXPECT_EQ(rows("case_events"), events);
  const auto after = audit_trail();
  ASSERT_EQ(after.size(), trail + refusals.size() + 1);
  for (size_t i = trail; i < after.size(); ++i) {
    EXPECT_EQ(after[i].account, "registry.4501020001");
    EXPECT_EQ(after[i].org, "4501020001");
    EXPECT_EQ(after[i].outcome, "capability_missing");
  }
  EXPECT_EQ(after[trail].action, "student.register");
  EXPECT_EQ(after[trail + 1].action, "case.open");
  EXPECT_EQ(after[trail + 2].action, "case.decide");
  // The school's own registrar, unlimited, decides as before.
  auto decided = call("POST", "/v1/cases/" + id + "/decisions",
                      {{"step", "school"}, {"decision", "approve"}}, reg("4501020001"));
  EXPECT_EQ(decided.status, 200) << decided.body;
  // Its own account the registry reads; another's it may not.
  EXPECT_EQ(as(token, "GET", "/v1/accounts/registry.4501020001", nullptr).status, 200);
  expect_problem(as(token, "GET", "/v1/accounts/reg.4501020001", nullptr), 403,
                 "capability_missing");
}

// Art. 21: the school reports a death within 60 working days of learning of
// it; the county's registry, which may learn first, files for the school.
TEST_P(CapabilityTest, ACountysRegistryFilesADeathForASchoolInItsCounty) {
  const std::string token =
      system_token("registry.450102", "450102", json::array({"open:death_deregistration", "read"}));
  ASSERT_FALSE(token.empty());
  const std::string here = register_at("4501020002", '1');
  const std::string elsewhere = register_at("4501030001", '2');

  auto opened = as(token, "POST", "/v1/cases", death(here, "2025-09-20", "2025-09-22"));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json c = opened.json();
  EXPECT_EQ(c["opened_by"], "4501020002") << c.dump();
  ASSERT_FALSE(c["steps"].empty());
  EXPECT_EQ(c["steps"][0]["org"], "4501020002") << c.dump();
  // Naming the school itself is the same filing.
  const std::string other = register_at("4501020001", '3');
  auto named = death(other, "2025-09-20", "2025-09-22");
  named["by"] = "4501020001";
  EXPECT_EQ(as(token, "POST", "/v1/cases", named).status, 201);

  // A school outside the county, or an opener that is not the student's
  // school, is refused and nothing changes.
  const int64_t cases = rows("cases");
  expect_problem(as(token, "POST", "/v1/cases", death(elsewhere, "2025-09-20", "2025-09-22")), 403,
                 "out_of_jurisdiction");
  auto wrong = death(here, "2025-09-20", "2025-09-22");
  wrong["by"] = "4501020001";
  expect_problem(as(token, "POST", "/v1/cases", wrong), 403, "out_of_jurisdiction");
  EXPECT_EQ(rows("cases"), cases);

  // A person registrar of the county still opens only as the county.
  expect_problem(
      call("POST", "/v1/cases", death(register_at("4501020002", '4'), "2025-09-20", "2025-09-22"),
           reg("450102")),
      409, "not_initiator");
}

// Art. 16: the guardian applies for leave, the school confirms, the county
// approves. The parents' app, a system account of the county holding
// apply:leave, files the family's application, and nothing else: not as an
// org, not another kind, not a decision.
TEST_P(CapabilityTest, TheParentsAppAppliesForLeaveOnTheFamilysBehalfOnly) {
  const std::string token =
      system_token("parents.450102", "450102", json::array({"apply:leave", "read"}));
  ASSERT_FALSE(token.empty());
  const std::string child = register_at("4501020001", '4');
  const std::string elsewhere = register_at("4501030001", '5');

  auto applied = as(token, "POST", "/v1/cases",
                    {{"kind", "leave"}, {"student", child}, {"by", "guardian"}, {"months", "6"}});
  ASSERT_EQ(applied.status, 201) << applied.body;
  const json c = applied.json();
  ASSERT_FALSE(c["steps"].empty());
  EXPECT_EQ(c["steps"][0]["org"], "4501020001") << c.dump();
  const std::string id = c.value("id", "");

  const int64_t cases = rows("cases"), events = rows("case_events");
  struct Refused {
    json body;
    int status;
    std::string code, detail;
  };
  const std::string lacks = "account 'parents.450102' lacks the capability '";
  const std::string holds = "' (it holds only: apply:leave read)";
  const std::vector<Refused> refusals = {
      {json{{"kind", "leave"}, {"student", child}, {"by", "4501020001"}, {"months", "6"}}, 403,
       "capability_missing", lacks + "open:leave" + holds},
      {json{{"kind", "leave"}, {"student", child}, {"months", "6"}}, 403, "capability_missing",
       lacks + "open:leave" + holds},
      {json{{"kind", "transfer"},
            {"student", child},
            {"by", "guardian"},
            {"to_school", "4501030002"}},
       403, "capability_missing", lacks + "open:transfer" + holds},
      {json{{"kind", "leave"}, {"student", elsewhere}, {"by", "guardian"}, {"months", "6"}}, 403,
       "out_of_jurisdiction", ""},
  };
  for (const auto& r : refusals) {
    SCOPED_TRACE(r.body.dump());
    auto answer = as(token, "POST", "/v1/cases", r.body);
    expect_problem(answer, r.status, r.code);
    if (!r.detail.empty()) {
      EXPECT_EQ(answer.json().value("detail", ""), r.detail);
    }
  }
  expect_problem(as(token, "POST", "/v1/cases/" + id + "/decisions",
                    json{{"step", "school"}, {"decision", "approve"}}),
                 403, "capability_missing");
  EXPECT_EQ(rows("cases"), cases);
  EXPECT_EQ(rows("case_events"), events);
  // The school confirms and the county approves, as for any family's leave.
  for (const auto& [step, org] : {std::pair{"school", "4501020001"}, {"county", "450102"}}) {
    auto decided = call("POST", "/v1/cases/" + id + "/decisions",
                        {{"step", step}, {"decision", "approve"}}, reg(org));
    ASSERT_EQ(decided.status, 200) << decided.body;
  }
  auto student = as(token, "GET", "/v1/students/" + child, nullptr);
  ASSERT_EQ(student.status, 200) << student.body;
  EXPECT_EQ(student.json().value("status", ""), "on_leave");
}

TEST_P(CapabilityTest, AnAccountListsOnlyCapabilitiesThatExist) {
  for (const auto& [word, detail] : std::vector<std::pair<json, std::string>>{
           {"fly",
            "capability 'fly' is not one of read, register_student, open, decide, withdraw, "
            "graduate, promote, manage_accounts, advance_clock, reload_rules, manage_orgs, "
            "open:<kind>, "
            "apply:<kind>"},
           {"open:funeral", "capability 'open:funeral' names no case kind (known: "},
           {42, "field 'capabilities' must be an array of strings"}}) {
    auto r = as(token_of(admin("450102")), "POST", "/v1/accounts",
                {{"name", "app.x"},
                 {"org", "4501020001"},
                 {"role", "registrar"},
                 {"kind", "system"},
                 {"capabilities", json::array({word})}});
    expect_problem(r, 422, "invalid_field");
    EXPECT_NE(r.json().value("detail", "").find(detail), std::string::npos) << r.body;
    auto en = call("GET", "/v1/accounts/app.x", nullptr, admin("450102"));
    EXPECT_EQ(en.status, 404) << "created after all: " << en.body;
  }
  // Without a list: every capability its role allows, and no list shown.
  auto plain =
      call("POST", "/v1/accounts",
           {{"name", "app.y"}, {"org", "4501020001"}, {"role", "registrar"}, {"kind", "system"}},
           admin("450102"));
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_FALSE(plain.json().contains("capabilities"));
  // An empty list: nothing at all but its own account.
  auto none = call("POST", "/v1/accounts",
                   {{"name", "app.z"},
                    {"org", "4501020001"},
                    {"role", "registrar"},
                    {"kind", "system"},
                    {"capabilities", json::array()}},
                   admin("450102"));
  ASSERT_EQ(none.status, 201) << none.body;
  EXPECT_EQ(none.json()["capabilities"], json::array());
}

TEST_P(CapabilityTest, ImpossibleDatesOfADeathAreRefusedNamingTheField) {
  const std::string student = register_student();
  const int64_t cases = rows("cases");
  const std::string token = token_of(reg("4501020001"));
  struct Bad {
    json body;
    int status;
    std::string type, detail;
  };
  for (const auto& b : std::vector<Bad>{
           {death(student, "2025-09-20", "2025-09-19"), 422, "invalid_field",
            "field 'learned_on': '2025-09-19' is before the date of death, 2025-09-20"},
           {death(student, "2025-09-20", "2025-09-27"), 422, "invalid_field",
            "field 'learned_on': '2025-09-27' is after today, 2025-09-26"},
           {death(student, "2025-02-29", "2025-09-22"), 422, "invalid_field",
            "field 'date_of_death': '2025-02-29' is not a real date: 2025-02 has no day 29"},
           {death(student, "2025-09-20", ""), 400, "missing_field",
            "a death_deregistration case needs 'learned_on'"},
       }) {
    SCOPED_TRACE(b.detail);
    auto r = http_call(server_->port(), "POST", "/v1/cases", b.body.dump(),
                       {{"Authorization", "Bearer " + token}, {"Accept-Language", "en"}});
    expect_problem(r, b.status, b.type);
    EXPECT_EQ(r.json().value("detail", ""), b.detail);
    // The same in Chinese names the field too.
    auto zh = call("POST", "/v1/cases", b.body, reg("4501020001"));
    EXPECT_NE(zh.json()
                  .value("detail", "")
                  .find(b.detail.find("date_of_death") != std::string::npos ? "date_of_death"
                                                                            : "learned_on"),
              std::string::npos)
        << zh.body;
  }
  EXPECT_EQ(rows("cases"), cases);
}

INSTANTIATE_TEST_SUITE_P(Backends, CapabilityTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
