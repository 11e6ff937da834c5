#pragma once
// A server under test: the case engine and the API over real HTTP on
// loopback, on PostgreSQL or SQLite, on a simulated clock, with the demo
// accounts (reg.<org>, admin.<org>) seeded at a test's Argon2 cost. `call`
// signs in as the named account (once, again when its token expired) and
// sends the token.

#include <gtest/gtest.h>

#include <map>

#include "adapters/http/api.h"
#include "adapters/http/school_hand_over_run.h"
#include "adapters/store/demo_accounts.h"
#include "adapters/wiring/sql_runtime.h"
#include "engine/student/resident_id.h"
#include "tests/engine/case_fixture.h"
#include "tests/http/http_client.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {

// Argon2id at its cheapest: the tests exercise the code, not the cost.
inline Argon2Cost test_argon2() { return Argon2Cost{64, 1, 1}; }

class ApiFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    clock_ = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    start(clock_);
  }
  void TearDown() override { stop(); }

  void stop() {
    server_.reset();
    api_.reset();
    read_pool_.reset();
    engine_.reset();
  }

  // Starts (or restarts) on `simulated`, or on the system clock when null.
  void start(std::shared_ptr<VirtualClock> simulated) {
    std::shared_ptr<Clock> clock = simulated;
    if (!clock) clock = std::make_shared<SystemClock>();
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock);
    ASSERT_TRUE(data.ok()) << data.error().message;
    {
      // Migrated and seeded before the engine starts, as `serve` does, so
      // the accounts' seals are in the scheduler's index from the start.
      auto seed = open_migrated(url_);
      ASSERT_TRUE(seed != nullptr);
      ASSERT_TRUE(seed->seed_orgs((*data)->orgs).ok());
      // Art. 12: the schools changed since the org file, as `serve` reads them.
      auto changes = store::read_org_changes(seed->journal().connection());
      ASSERT_TRUE(changes.ok()) << changes.error().message;
      auto tree = store::tree_with_changes((*data)->orgs, *changes);
      ASSERT_TRUE(tree.ok()) << tree.error().message;
      (*data)->orgs = std::move(*tree);
      org_changes_ = std::move(*changes);
      auto demo = store::seed_demo_accounts(seed->journal(), seed->reads, (*data)->orgs,
                                            test_argon2(), clock->now());
      ASSERT_TRUE(demo.ok()) << demo.error().message;
    }
    if (!password_rotation_) {
      PasswordPolicy never = (*data)->passwords.national();
      never.rotation_days = 0;
      (*data)->passwords = PasswordPolicies(never);
    }
    SqlRuntimeOptions runtime{url_, project_path("migrations")};
    runtime.reply_seconds = reply_seconds_;
    auto engine = start_sql_runtime(runtime, *data);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(*engine);
    auto pool = store::ConnectionPool::open(url_, 4);
    ASSERT_TRUE(pool.ok()) << pool.error().message;
    http::AccountSettings settings;
    settings.argon2 = test_argon2();
    settings.throttle = throttle_;
    // A hand-over a stop cut short, finished before requests come, as `serve` does.
    auto handed = http::finish_hand_overs(*engine_, *pool, org_changes_);
    ASSERT_TRUE(handed.ok()) << handed.error().message;
    read_pool_ = *pool;
    api_ = std::make_unique<http::Api>(*engine_, http::Stores(*pool), simulated, settings);
    // As `xueji serve` runs it: the audit entry's commit answers the request.
    http::ServerOptions options;
    options.threads = io_threads_;
    options.handler_threads = handler_threads_;
    options.never_waits = [this](const http::Request& r) { return api_->never_waits(r); };
    auto server = http::HttpServer::start_async(
        "127.0.0.1", 0,
        [this](const http::Request& r, http::Reply reply) { api_->handle(r, std::move(reply)); },
        options);
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
    tokens_.clear();
  }

  // A session of the test's own on the server's PostgreSQL database: to
  // hold a lock beside the server, or to count what it wrote.
  std::unique_ptr<soci::session> own_session() {
    return std::make_unique<soci::session>("postgresql", store::parse_database_url(url_)->connect);
  }

  HttpAnswer sign_in(const std::string& account,
                     const std::string& password = store::kDemoPassword) {
    return http_call(server_->port(), "POST", "/v1/sessions",
                     nlohmann::json{{"name", account}, {"password", password}}.dump());
  }

  // A request as `account` ("" = without a token).
  HttpAnswer call(const std::string& method, const std::string& target, const nlohmann::json& body,
                  const std::string& account) {
    const std::string payload = body.is_null() ? "" : body.dump();
    if (account.empty()) return http_call(server_->port(), method, target, payload);
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (tokens_.count(account) == 0) {
        auto r = sign_in(account);
        if (r.status != 201) return r;
        tokens_[account] = r.json().value("token", "");
      }
      auto r = with_token(method, target, payload, tokens_[account]);
      if (r.status != 401) return r;
      tokens_.erase(account);  // expired: sign in again
    }
    return HttpAnswer{};
  }

  HttpAnswer with_token(const std::string& method, const std::string& target,
                        const std::string& payload, const std::string& token) {
    return http_call(server_->port(), method, target, payload,
                     {{"Authorization", "Bearer " + token}});
  }

  // 李小明 registered at `school` by its registrar; his registration number.
  std::string register_student(int grade = 5, const std::string& school = "4501020001") {
    auto r = call(
        "POST", "/v1/students",
        {{"id", "450102201309150019"}, {"name", "李小明"}, {"school", school}, {"grade", grade}},
        reg(school));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  // The receiving school 4501030002 opens a transfer (Art. 15); the case id.
  std::string open_transfer(const std::string& student) {
    auto r = call("POST", "/v1/cases",
                  {{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}},
                  reg("4501030002"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  // The three parties of open_transfer's case approve their steps in turn
  // (Art. 15), each as its own registrar; the transfer completes.
  void approve_transfer(const std::string& id) {
    for (auto [step, by] : {std::pair{"sending_school", "4501020001"},
                            {"sending_county", "450102"},
                            {"receiving_county", "450103"}}) {
      auto r =
          call("POST", "/v1/cases/" + id + "/decisions",
               {{"step", step}, {"decision", "approve"}, {"by", by}, {"note", "同意"}}, reg(by));
      ASSERT_EQ(r.status, 200) << r.body;
    }
  }

  // A pupil 王小红 registered at 4501020001, its ID's sequence `n` (a
  // digit): another registration each; the number.
  std::string register_pupil(char n) {
    std::string id = std::string("45010220130915") + "0" + n + "1";
    id.push_back(resident_id_check_char(id));
    auto r = call("POST", "/v1/students",
                  {{"id", id}, {"name", "王小红"}, {"school", "4501020001"}, {"grade", 5}},
                  reg("4501020001"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  // The registrar of `org`, and its administrator.
  static std::string reg(const std::string& org) { return "reg." + org; }
  static std::string admin(const std::string& org) { return "admin." + org; }

  void expect_problem(const HttpAnswer& r, int status, const std::string& type) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json") << r.body;
    const nlohmann::json j = r.json();
    EXPECT_EQ(j.value("type", ""), "urn:xueji:problem:" + type) << r.body;
    EXPECT_FALSE(j.value("title", "").empty());
    EXPECT_FALSE(j.value("detail", "").empty());
  }

  std::vector<AuditEntry> audit_trail() {
    auto s = TestStore::open(url_);
    EXPECT_TRUE(s.ok());
    auto entries = (*s)->load_audit();
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }

  // Tests fire requests faster than any person, and some try many wrong
  // passwords: the throttle is wide open unless a test narrows it (then
  // restarts), as throttle_test.cc does.
  static http::ThrottleSettings test_throttle() {
    http::ThrottleSettings t;
    t.sign_in_failures = 1000;
    t.anonymous_per_second = 1e6;
    t.anonymous_burst = 1'000'000;
    return t;
  }

  std::string url_;
  bool password_rotation_ = true;
  int reply_seconds_ = 0;  // RuntimeOptions::reply_seconds; 0 waits for ever
  int handler_threads_ = http::ServerOptions{}.handler_threads;
  int io_threads_ = http::ServerOptions{}.threads;
  http::ThrottleSettings throttle_ = test_throttle();
  std::vector<store::StoredOrgChange> org_changes_;  // as read at the last start
  std::shared_ptr<VirtualClock> clock_;
  std::unique_ptr<Runtime> engine_;
  std::shared_ptr<store::ConnectionPool> read_pool_;  // the routes' (http::Stores)
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::HttpServer> server_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace xueji::test
