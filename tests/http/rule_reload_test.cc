// Reloading the rules of a running server (issue 16) over real HTTP, on
// PostgreSQL and SQLite: POST /v1/rules/reload puts the files now on disk
// in force for new cases, all or nothing; an open case keeps the plan it
// opened under; a bad file, or a set without a kind the running one has,
// is refused naming the file and changes nothing; only a ministry's or a
// province's administrator may; each attempt is on the audit trail.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "actors/domain_reload.h"
#include "engine/student/resident_id.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RuleReloadTest : public ApiFixture {
 protected:
  void SetUp() override {
    password_rotation_ = false;  // one test moves the clock past 60 days
    ApiFixture::SetUp();
    // The server reads its rules from a copy a test may edit, as a rule
    // author edits the files of a deployment.
    dir_ = fs::temp_directory_path() / ("xueji-reload-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(project_path("workflows"), dir_ / "workflows", fs::copy_options::recursive);
    fs::copy(project_path("config/calendars"), dir_ / "calendars", fs::copy_options::recursive);
    api_->set_rule_paths(DomainPaths{(dir_ / "workflows").string(), (dir_ / "calendars").string(),
                                     project_path("config/demo/orgs.yaml")});
  }
  void TearDown() override {
    ApiFixture::TearDown();
    fs::remove_all(dir_);
  }

  // Guangxi's transfer overlay, giving the sending school `days` working days.
  void write_guangxi_transfer(const std::string& deadline) {
    std::ofstream(dir_ / "workflows" / "provinces" / "450000" / "transfer.yaml")
        << "province: \"450000\"\n"
        << "kind: transfer\n"
        << "note: a test's overlay\n"
        << "steps:\n"
        << "  sending_school: {deadline: " << deadline << "}\n";
  }

  // The sending school's due date in case `id`, and the case's rule version.
  std::pair<std::string, std::string> sending_due(const std::string& id) {
    auto r = call("GET", "/v1/cases/" + id, nullptr, reg("4501030002"));
    EXPECT_EQ(r.status, 200) << r.body;
    const json c = r.json();
    for (const auto& s : c["steps"]) {
      if (s.value("step", "") == "sending_school") {
        return {s.value("due", ""), c.value("rule_version", "")};
      }
    }
    ADD_FAILURE() << "no sending_school step in " << r.body;
    return {};
  }

  std::string rule_version_in_force() {
    auto r = call("GET", "/readyz", nullptr, "");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("rule_version", "");
  }

  HttpAnswer reload_as(const std::string& account, const std::string& language = "") {
    if (language.empty()) return call("POST", "/v1/rules/reload", nullptr, account);
    auto signed_in = sign_in(account);
    EXPECT_EQ(signed_in.status, 201) << signed_in.body;
    return http_call(server_->port(), "POST", "/v1/rules/reload", "",
                     {{"Authorization", "Bearer " + signed_in.json().value("token", "")},
                      {"Accept-Language", language}});
  }

  std::vector<AuditEntry> reloads() {
    std::vector<AuditEntry> out;
    for (auto& e : audit_trail()) {
      if (e.action == "rules.reload") out.push_back(std::move(e));
    }
    return out;
  }

  // The server runs without 2026's notice (the national and Guangxi files
  // set aside) on 正月初一 2026, in the Spring Festival; the case a test
  // opens then counts on 2026's provisional calendar.
  void start_without_2026() {
    fs::rename(national_2026(), dir_ / "national-2026.yaml");
    fs::rename(guangxi_2026(), dir_ / "guangxi-2026.yaml");
    auto without_2026 =
        load_domain(DomainPaths{project_path("workflows"), (dir_ / "calendars").string(),
                                project_path("config/demo/orgs.yaml")},
                    clock_);
    ASSERT_TRUE(without_2026.ok()) << without_2026.error().message;
    // The fixture's password rule, which never expires (the clock passes 60 days).
    (*without_2026)->passwords = engine_->data()->passwords;
    engine_->replace_domain(*without_2026);
    ASSERT_TRUE(engine_->advance(at("2026-02-17T10:00:00+08:00")).ok());
  }

  // 2026's notice arrives: its files are back where the rules are read.
  void publish_2026() {
    fs::rename(dir_ / "national-2026.yaml", national_2026());
    fs::rename(dir_ / "guangxi-2026.yaml", guangxi_2026());
  }

  fs::path national_2026() const { return dir_ / "calendars/national/2026.yaml"; }
  fs::path guangxi_2026() const { return dir_ / "calendars/provinces/450000/2026.yaml"; }

  fs::path dir_;
};

TEST_P(RuleReloadTest, ANewOverlayGovernsNewCasesAndOpenCasesKeepTheirPlans) {
  const std::string before = rule_version_in_force();
  const std::string first = open_transfer(register_pupil('1'));
  const auto [national_due, first_version] = sending_due(first);
  EXPECT_EQ(first_version, before);
  // 2025-09-26 plus Art. 15's 10 working days, across National Day (with
  // its make-up days, 28 September and 11 October).
  EXPECT_EQ(national_due, "2025-10-16");

  write_guangxi_transfer("{working_days: 5}");
  auto r = reload_as(admin("450000"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json answer = r.json();
  EXPECT_EQ(answer.value("previous_rule_version", ""), before);
  const std::string after = answer.value("rule_version", "");
  EXPECT_NE(after, before);
  EXPECT_TRUE(answer.value("changed", false));
  EXPECT_EQ(rule_version_in_force(), after);

  const std::string second = open_transfer(register_pupil('2'));
  const auto [province_due, second_version] = sending_due(second);
  EXPECT_EQ(second_version, after);
  EXPECT_EQ(province_due, "2025-10-10");  // 5 working days: 28, 29, 30 Sept, 9, 10 Oct
  // The first case keeps the plan it opened under.
  EXPECT_EQ(sending_due(first), std::make_pair(national_due, before));

  // The same files again: nothing to change, and said so.
  auto again = reload_as(admin("000000"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json().value("changed", true));
  EXPECT_EQ(again.json().value("rule_version", ""), after);

  const auto trail = reloads();
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].account, admin("450000"));
  EXPECT_EQ(trail[0].outcome, "ok");
  EXPECT_NE(trail[0].detail.find(before + " -> " + after), std::string::npos) << trail[0].detail;
}

TEST_P(RuleReloadTest, AnOverlayOutsideTheBoundsIsRefusedNamingTheFileAndChangesNothing) {
  const std::string before = rule_version_in_force();
  // Art. 15: ten working days at most for each party; six months is out.
  write_guangxi_transfer("{months: 6}");
  auto r = reload_as(admin("450000"), "en");
  expect_problem(r, 422, "reload_refused");
  const std::string detail = r.json().value("detail", "");
  EXPECT_NE(detail.find("provinces/450000/transfer.yaml:5"), std::string::npos) << detail;
  EXPECT_NE(detail.find("Art. 15"), std::string::npos) << detail;
  EXPECT_NE(detail.find("the rules in force stay version " + before), std::string::npos) << detail;
  EXPECT_EQ(rule_version_in_force(), before);

  // In Chinese by default, naming the file and line.
  auto zh = reload_as(admin("450000"));
  expect_problem(zh, 422, "reload_refused");
  EXPECT_EQ(zh.content_language, "zh-CN");
  const std::string zh_detail = zh.json().value("detail", "");
  EXPECT_NE(zh_detail.find("provinces/450000/transfer.yaml:5"), std::string::npos) << zh_detail;
  EXPECT_NE(zh_detail.find("规则未重新加载"), std::string::npos) << zh_detail;

  // New cases still open under the rules in force.
  const auto [due, version] = sending_due(open_transfer(register_pupil('3')));
  EXPECT_EQ(due, "2025-10-16");
  EXPECT_EQ(version, before);

  const auto trail = reloads();
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].outcome, "reload_refused");
  EXPECT_NE(trail[0].detail.find("transfer.yaml:5"), std::string::npos) << trail[0].detail;
}

TEST_P(RuleReloadTest, ASetWithoutAKindInForceIsRefused) {
  const std::string before = rule_version_in_force();
  fs::remove(dir_ / "workflows" / "national" / "withdrawal.yaml");
  auto r = reload_as(admin("000000"), "en");
  expect_problem(r, 422, "reload_refused");
  EXPECT_NE(r.json().value("detail", "").find("no national rule for kind 'withdrawal'"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(rule_version_in_force(), before);
  auto zh = reload_as(admin("000000"));
  expect_problem(zh, 422, "reload_refused");
  EXPECT_NE(zh.json().value("detail", "").find("退学"), std::string::npos) << zh.body;
}

TEST_P(RuleReloadTest, OnlyAMinistrysOrAProvincesAdministratorMayReload) {
  write_guangxi_transfer("{working_days: 5}");
  const std::string before = rule_version_in_force();
  for (const std::string& account : {reg("450000"), admin("450102"), admin("450100")}) {
    auto r = reload_as(account);
    expect_problem(r, 403, "role_forbidden");
    EXPECT_EQ(rule_version_in_force(), before) << account;
  }
  const auto trail = reloads();
  ASSERT_EQ(trail.size(), 3u);
  for (const auto& e : trail) EXPECT_EQ(e.outcome, "role_forbidden");
}

// Art. 24's password rule is a province rule like the others: a reload
// puts a changed one in force for the next password change, and a bad
// password file refuses the whole reload, naming it, and changes nothing.
TEST_P(RuleReloadTest, APasswordRuleReloadedGovernsTheNextPasswordChange) {
  const fs::path guangxi = dir_ / "workflows" / "password" / "provinces" / "450000.yaml";
  const std::string change = "/v1/accounts/reg.4501020001/password";
  auto change_to = [&](const std::string& password) {
    return http_call(
        server_->port(), "POST", change,
        json{{"old_password", store::kDemoPassword}, {"new_password", password}}.dump(),
        {{"Accept-Language", "en"}});
  };
  // 14 characters meet the national 12; Guangxi now asks 16.
  std::ofstream(guangxi) << "province: \"450000\"\nmin_length: 16\n";
  auto r = reload_as(admin("000000"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().value("password_rules_changed", false)) << r.body;
  EXPECT_TRUE(r.json().value("changed", false)) << r.body;
  auto weak = change_to("Guangxi-2025ab");
  expect_problem(weak, 422, "weak_password");
  EXPECT_NE(weak.json().value("detail", "").find("at least 16 characters, not 14"),
            std::string::npos)
      << weak.body;

  // Line 2 is out of the rule's range: the reload is refused naming the
  // file and line, and Guangxi's 16 stay in force.
  std::ofstream(guangxi) << "province: \"450000\"\nmin_length: 4\n";
  auto bad = reload_as(admin("000000"), "en");
  expect_problem(bad, 422, "reload_refused");
  EXPECT_NE(bad.json().value("detail", "").find("password/provinces/450000.yaml:2"),
            std::string::npos)
      << bad.body;
  expect_problem(change_to("Guangxi-2025ab"), 422, "weak_password");

  // The same files as in force: nothing changed, and said so.
  std::ofstream(guangxi) << "province: \"450000\"\nmin_length: 16\n";
  auto again = reload_as(admin("000000"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json().value("password_rules_changed", true)) << again.body;
  EXPECT_FALSE(again.json().value("changed", true)) << again.body;
  auto strong = change_to("Guangxi-2025-abcd");
  EXPECT_EQ(strong.status, 200) << strong.body;
}

// Reloads racing the openings: each case opens wholly under one set, the
// version it records and the plan it runs agreeing (no case sees half of
// two rule sets), and every reload answers.
TEST_P(RuleReloadTest, ReloadsWhileCasesOpenLeaveEachCaseWhollyUnderOneVersion) {
  const std::string without = rule_version_in_force();
  const DomainPaths paths{(dir_ / "workflows").string(), (dir_ / "calendars").string(),
                          project_path("config/demo/orgs.yaml")};
  std::vector<std::string> students;
  for (char n = '0'; n <= '9'; ++n) students.push_back(register_pupil(n));
  std::atomic<bool> opening{true};
  std::atomic<int> reloads{0}, failed{0};
  std::string with;
  std::thread reloader([&] {
    for (int i = 0; opening.load() || i < 2; ++i) {
      const fs::path overlay = dir_ / "workflows" / "provinces" / "450000" / "transfer.yaml";
      if (i % 2 == 0) {
        write_guangxi_transfer("{working_days: 5}");
      } else {
        fs::remove(overlay);
      }
      auto r = reload_domain(*engine_, paths);
      if (!r) {
        ++failed;
        continue;
      }
      ++reloads;
      if (i % 2 == 0) with = r->version;
    }
  });
  std::vector<std::string> cases;
  for (const auto& student : students) cases.push_back(open_transfer(student));
  opening = false;
  reloader.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GE(reloads.load(), 2);
  ASSERT_FALSE(with.empty());
  for (const auto& id : cases) {
    const auto [due, version] = sending_due(id);
    if (version == with) {
      EXPECT_EQ(due, "2025-10-10") << id;  // the overlay's 5 working days
    } else {
      EXPECT_EQ(version, without) << id;
      EXPECT_EQ(due, "2025-10-16") << id;  // Art. 15's 10
    }
  }
}

// A year's schedule arriving (the fixture year 2026; the server started
// without its notice): the open step counted on 2026's provisional calendar
// (its statutory holidays only) is re-dated by an event carrying both
// dates, and its school is told.
TEST_P(RuleReloadTest, AYearsScheduleArrivingRedatesProvisionalSteps) {
  ASSERT_NO_FATAL_FAILURE(start_without_2026());
  const std::string id = open_transfer(register_pupil('4'));
  // The statutory days alone (除夕 16 to 初三 19 February): 20, 23-27
  // February, 2-5 March.
  EXPECT_EQ(sending_due(id).first, "2026-03-05");

  publish_2026();
  auto r = reload_as(admin("000000"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["arrived_years"], json::array({2026}));
  EXPECT_EQ(r.json().value("redated", -1), 1);

  // The notice rests 15-23 February and works Saturday 28 February: 24-28
  // February, 2-6 March.
  EXPECT_EQ(sending_due(id).first, "2026-03-06");
  auto read = call("GET", "/v1/cases/" + id, nullptr, reg("4501030002"));
  ASSERT_EQ(read.status, 200) << read.body;
  const json last = read.json()["history"].back();
  EXPECT_EQ(last.value("type", ""), "redated");
  EXPECT_EQ(last.value("previous_due", ""), "2026-03-05");
  EXPECT_EQ(last.value("due", ""), "2026-03-06");
  EXPECT_FALSE(last.contains("provisional"));

  auto inbox = call("GET", "/v1/orgs/4501020001/notices", nullptr, reg("4501020001"));
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  bool told = false;
  const json notices = inbox.json()["notices"];
  for (const auto& n : notices) {
    if (n.value("kind", "") != "redated") continue;
    told = true;
    EXPECT_EQ(n.value("due", ""), "2026-03-06");
    EXPECT_EQ(n.value("previous_due", ""), "2026-03-05") << n.dump();
    EXPECT_EQ(n.value("provisional", true), false) << n.dump();
    EXPECT_NE(n.value("text", "").find("此前告知为 2026-03-05"), std::string::npos) << n.dump();
  }
  EXPECT_TRUE(told) << inbox.body;

  // Nothing arrives twice.
  auto again = reload_as(admin("000000"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["arrived_years"], json::array());
  EXPECT_EQ(again.json().value("redated", -1), 0);
}

// The same with {"wait": false}: the answer comes once the set is in
// force, and the step is re-dated after it, /metrics counting down.
TEST_P(RuleReloadTest, AReloadThatDoesNotWaitRedatesInTheBackground) {
  ASSERT_NO_FATAL_FAILURE(start_without_2026());
  const std::string id = open_transfer(register_pupil('5'));
  EXPECT_EQ(sending_due(id).first, "2026-03-05");
  publish_2026();
  auto bad = call("POST", "/v1/rules/reload", {{"wait", "no"}}, admin("000000"));
  expect_problem(bad, 422, "invalid_field");
  EXPECT_EQ(engine_->data()->calendars.national_years(), (std::vector<int>{2025}));
  auto r = call("POST", "/v1/rules/reload", {{"wait", false}}, admin("000000"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["arrived_years"], json::array({2026}));
  EXPECT_EQ(r.json().value("redated", -1), 0);
  // Every case whose timer falls in 2026 or later is asked (the pupil's
  // archive case too); those with nothing provisional refuse, unchanged.
  EXPECT_EQ(r.json().value("redating", -1), 2);
  std::string due = sending_due(id).first;
  for (int i = 0; i < 100 && due != "2026-03-06"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    due = sending_due(id).first;
  }
  EXPECT_EQ(due, "2026-03-06");
  // The count reaches 0 as the answer reaches the background thread.
  bool done = false;
  for (int i = 0; i < 100 && !done; ++i) {
    done = call("GET", "/metrics", nullptr, "").body.find("xueji_redating_cases_left 0\n") !=
           std::string::npos;
    if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(done);
}

INSTANTIATE_TEST_SUITE_P(Backends, RuleReloadTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
