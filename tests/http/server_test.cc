// The API over real HTTP on loopback, against a server on PostgreSQL and one
// on SQLite, on a simulated clock.

#include <gtest/gtest.h>

#include "adapters/http/api.h"
#include "tests/engine/case_fixture.h"
#include "tests/http/http_client.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class ServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    clock_ = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    start(clock_);
  }
  void TearDown() override {
    server_.reset();
    api_.reset();
    engine_.reset();
  }

  void start(std::shared_ptr<VirtualClock> simulated) {
    std::shared_ptr<Clock> clock = simulated;
    if (!clock) clock = std::make_shared<SystemClock>();
    auto data = load_engine_data(EngineDataPaths::under(XUEJI_SOURCE_DIR), clock);
    ASSERT_TRUE(data.ok()) << data.error().message;
    auto engine = CaseEngine::start(EngineOptions{url_, project_path("migrations")}, *data);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(*engine);
    auto reads = store::Store::open(url_);
    ASSERT_TRUE(reads.ok());
    ASSERT_TRUE((*reads)->seed_orgs((*data)->orgs).ok());
    api_ = std::make_unique<http::Api>(*engine_, std::move(*reads), simulated);
    auto server = http::HttpServer::start(
        "127.0.0.1", 0, [this](const http::Request& r) { return api_->handle(r); });
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
  }

  HttpAnswer call(const std::string& method, const std::string& target, const json& body) {
    return http_call(server_->port(), method, target, body.is_null() ? "" : body.dump());
  }

  std::string register_student(int grade = 5, const std::string& school = "4501020001") {
    auto r = call(
        "POST", "/v1/students",
        {{"id", "450102201309150019"}, {"name", "李小明"}, {"school", school}, {"grade", grade}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  std::string open_transfer(const std::string& student) {
    auto r = call("POST", "/v1/cases",
                  {{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  void expect_problem(const HttpAnswer& r, int status, const std::string& type) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json") << r.body;
    const json j = r.json();
    EXPECT_EQ(j.value("type", ""), "urn:xueji:problem:" + type) << r.body;
    EXPECT_FALSE(j.value("title", "").empty());
    EXPECT_FALSE(j.value("detail", "").empty());
  }

  std::string url_;
  std::shared_ptr<VirtualClock> clock_;
  std::unique_ptr<CaseEngine> engine_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::HttpServer> server_;
};

TEST_P(ServerTest, ATransferApprovedByAllThreeParties) {
  EXPECT_EQ(call("GET", "/healthz", nullptr).status, 200);
  EXPECT_EQ(call("GET", "/readyz", nullptr).status, 200);
  const std::string student = register_student();
  ASSERT_EQ(student, "G450102201309150019");
  auto opened = call("POST", "/v1/cases",
                     {{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json c = opened.json();
  const std::string id = c["id"];
  ASSERT_EQ(c["steps"].size(), 3u);
  EXPECT_EQ(c["steps"][0]["step"], "sending_school");
  EXPECT_EQ(c["steps"][0]["org"], "4501020001");
  EXPECT_EQ(c["steps"][0]["status"], "active");
  EXPECT_EQ(c["steps"][0]["due"], "2025-10-16");  // Art. 15, across National Day
  for (auto [step, by] : {std::pair{"sending_school", "4501020001"},
                          {"sending_county", "450102"},
                          {"receiving_county", "450103"}}) {
    auto r = call("POST", "/v1/cases/" + id + "/decisions",
                  {{"step", step}, {"decision", "approve"}, {"by", by}, {"note", "同意"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto done = call("GET", "/v1/cases/" + id, nullptr);
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.json()["status"], "closed");
  EXPECT_EQ(done.json()["outcome"], "approved");
  EXPECT_EQ(done.json()["history"].size(), 8u);
  EXPECT_EQ(done.json()["history"][0]["at"], "2025-09-26T09:00:00+08:00");
}

TEST_P(ServerTest, SilenceEscalatesOnTheSimulatedClock) {
  const std::string id = open_transfer(register_student());
  auto advanced = call("POST", "/v1/clock/advance", {{"to", "2025-10-17T00:00:00+08:00"}});
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  EXPECT_EQ(advanced.json()["fired"], 2);  // the reminder, then the escalation
  EXPECT_EQ(advanced.json()["now"], "2025-10-17T00:00:00+08:00");
  auto inbox = call("GET", "/v1/orgs/450102/notices", nullptr);
  ASSERT_EQ(inbox.status, 200);
  ASSERT_EQ(inbox.json()["notices"].size(), 1u);
  EXPECT_EQ(inbox.json()["notices"][0]["kind"], "escalation");
  EXPECT_EQ(inbox.json()["notices"][0]["case"], id);
  EXPECT_EQ(inbox.json()["notices"][0]["due"], "2025-10-23");
  auto school = call("GET", "/v1/orgs/4501020001/notices", nullptr);
  EXPECT_EQ(school.json()["notices"][0]["kind"], "reminder");
  expect_problem(call("POST", "/v1/clock/advance", {{"to", "2025-10-01T00:00:00+08:00"}}), 409,
                 "invalid_clock_move");
}

TEST_P(ServerTest, EveryErrorIsAProblemAndChangesNothing) {
  const std::string student = register_student();
  const std::string id = open_transfer(student);
  expect_problem(http_call(server_->port(), "POST", "/v1/cases", "{\"kind\": "), 400,
                 "malformed_json");
  expect_problem(call("POST", "/v1/cases", {{"student", student}}), 400, "missing_field");
  expect_problem(call("GET", "/v1/cases/nosuch", nullptr), 404, "unknown_case");
  expect_problem(call("GET", "/v1/nothing", nullptr), 404, "not_found");
  expect_problem(call("GET", "/v1/orgs/999999/notices", nullptr), 404, "unknown_org");
  expect_problem(call("POST", "/v1/cases/" + id + "/decisions",
                      {{"step", "sending_school"}, {"decision", "approve"}, {"by", "4501030002"}}),
                 409, "wrong_party");
  expect_problem(
      call("POST", "/v1/students",
           {{"id", "450102201309150019"}, {"name", "x"}, {"school", "4501030002"}, {"grade", 5}}),
      409, "duplicate_registration");
  expect_problem(
      call("POST", "/v1/students",
           {{"id", "450102201309150018"}, {"name", "x"}, {"school", "4501030002"}, {"grade", 5}}),
      422, "invalid_resident_id");
  expect_problem(
      call("POST", "/v1/cases", {{"kind", "withdrawal"}, {"student", student}, {"by", "guardian"}}),
      422, "rule_refused");
  expect_problem(http_call(server_->port(), "POST", "/v1/cases", std::string(70 * 1024, ' ')), 413,
                 "body_too_large");
  // Nothing moved: the case has its two opening events, the student is still pending transfer.
  auto c = call("GET", "/v1/cases/" + id, nullptr);
  EXPECT_EQ(c.json()["history"].size(), 2u);
  EXPECT_EQ(c.json()["steps"][0]["status"], "active");
}

TEST_P(ServerTest, TheClockCannotBeMovedOnTheSystemClock) {
  server_.reset();
  api_.reset();
  engine_.reset();
  start(nullptr);
  expect_problem(call("POST", "/v1/clock/advance", {{"to", "2030-01-01T00:00:00+08:00"}}), 404,
                 "not_found");
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
