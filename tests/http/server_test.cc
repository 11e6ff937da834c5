// The API over real HTTP on loopback, against a server on PostgreSQL and one
// on SQLite, on a simulated clock.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "actors/messages.h"
#include "adapters/http/api.h"
#include "adapters/http/webhook_dispatcher.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class ServerTest : public ApiFixture {
 protected:
  const std::string ministry_ = admin("000000");
};

TEST_P(ServerTest, ATransferApprovedByAllThreeParties) {
  EXPECT_EQ(call("GET", "/healthz", nullptr, "").status, 200);
  EXPECT_EQ(call("GET", "/readyz", nullptr, "").status, 200);
  const std::string student = register_student();
  ASSERT_EQ(student, "G450102201309150019");
  auto opened = call("POST", "/v1/cases",
                     {{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}},
                     reg("4501030002"));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json c = opened.json();
  const std::string id = c["id"];
  ASSERT_EQ(c["steps"].size(), 3u);
  EXPECT_EQ(c["steps"][0]["step"], "sending_school");
  EXPECT_EQ(c["steps"][0]["org"], "4501020001");
  EXPECT_EQ(c["steps"][0]["status"], "active");
  EXPECT_EQ(c["steps"][0]["due"], "2025-10-16");  // Art. 15, across National Day
  approve_transfer(id);
  auto done = call("GET", "/v1/cases/" + id, nullptr, reg("4501020001"));
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.json()["status"], "closed");
  EXPECT_EQ(done.json()["outcome"], "approved");
  EXPECT_EQ(done.json()["history"].size(), 8u);
  EXPECT_EQ(done.json()["history"][0]["at"], "2025-09-26T09:00:00+08:00");
}

TEST_P(ServerTest, SilenceEscalatesOnTheSimulatedClock) {
  // The county has a webhook: a test receiver on loopback.
  std::mutex hook_mutex;
  std::vector<json> hooked;
  auto receiver = http::HttpServer::start("127.0.0.1", 0, [&](const http::Request& r) {
    std::lock_guard<std::mutex> lock(hook_mutex);
    hooked.push_back(json::parse(r.body, nullptr, false));
    return http::Response{200, "application/json", "{}", {}};
  });
  ASSERT_TRUE(receiver.ok());
  http::WebhookOptions hooks;
  hooks.urls["450102"] = "http://127.0.0.1:" + std::to_string((*receiver)->port()) + "/notices";
  hooks.poll = std::chrono::milliseconds(20);
  auto hook_pool = store::ConnectionPool::open(url_, 1);
  ASSERT_TRUE(hook_pool.ok());
  http::WebhookDispatcher dispatcher(*hook_pool, hooks);

  const std::string id = open_transfer(register_student());
  auto advanced =
      call("POST", "/v1/clock/advance", {{"to", "2025-10-17T00:00:00+08:00"}}, ministry_);
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  EXPECT_EQ(advanced.json()["fired"], 2);  // the reminder, then the escalation
  EXPECT_EQ(advanced.json()["now"], "2025-10-17T00:00:00+08:00");
  auto inbox = call("GET", "/v1/orgs/450102/notices", nullptr, reg("450102"));
  ASSERT_EQ(inbox.status, 200);
  ASSERT_EQ(inbox.json()["notices"].size(), 1u);
  EXPECT_EQ(inbox.json()["notices"][0]["kind"], "escalation");
  EXPECT_EQ(inbox.json()["notices"][0]["case"], id);
  EXPECT_EQ(inbox.json()["notices"][0]["due"], "2025-10-23");
  for (int i = 0; i < 250; ++i) {
    {
      std::lock_guard<std::mutex> lock(hook_mutex);
      if (!hooked.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    std::lock_guard<std::mutex> lock(hook_mutex);
    ASSERT_EQ(hooked.size(), 1u);
    EXPECT_EQ(hooked[0]["id"], inbox.json()["notices"][0]["id"]);
    EXPECT_EQ(hooked[0]["kind"], "escalation");
  }
  auto school = call("GET", "/v1/orgs/4501020001/notices", nullptr, reg("4501020001"));
  EXPECT_EQ(school.json()["notices"][0]["kind"], "reminder");
  expect_problem(
      call("POST", "/v1/clock/advance", {{"to", "2025-10-01T00:00:00+08:00"}}, ministry_), 409,
      "invalid_clock_move");
}

TEST_P(ServerTest, EveryErrorIsAProblemAndChangesNothing) {
  const std::string student = register_student();
  const std::string id = open_transfer(student);
  const std::string school = reg("4501020001");
  const auto token = tokens_.at(reg("4501030002"));
  expect_problem(with_token("POST", "/v1/cases", "{\"kind\": ", token), 400, "malformed_json");
  expect_problem(call("POST", "/v1/cases", {{"student", student}}, school), 400, "missing_field");
  expect_problem(call("GET", "/v1/cases/nosuch", nullptr, school), 404, "unknown_case");
  expect_problem(call("GET", "/v1/nothing", nullptr, school), 404, "not_found");
  expect_problem(call("GET", "/v1/orgs/999999/notices", nullptr, school), 404, "unknown_org");
  // The county's registrar, a step escalated to nobody yet: the wrong party
  // is out of its jurisdiction (403); the county itself may still read it.
  expect_problem(call("POST", "/v1/cases/" + id + "/decisions",
                      {{"step", "sending_school"}, {"decision", "approve"}}, reg("4501030002")),
                 403, "out_of_jurisdiction");
  expect_problem(call("POST", "/v1/cases/" + id + "/decisions",
                      {{"step", "sending_county"}, {"decision", "approve"}}, reg("450102")),
                 409, "step_not_active");
  expect_problem(
      call("POST", "/v1/students",
           {{"id", "450102201309150019"}, {"name", "x"}, {"school", "4501030002"}, {"grade", 5}},
           reg("4501030002")),
      409, "duplicate_registration");
  expect_problem(
      call("POST", "/v1/students",
           {{"id", "450102201309150018"}, {"name", "x"}, {"school", "4501030002"}, {"grade", 5}},
           reg("4501030002")),
      422, "invalid_resident_id");
  expect_problem(call("POST", "/v1/cases",
                      {{"kind", "withdrawal"}, {"student", student}, {"by", "guardian"}}, school),
                 422, "rule_refused");
  expect_problem(with_token("POST", "/v1/cases", std::string(70 * 1024, ' '), token), 413,
                 "body_too_large");
  // Nothing moved: the case has its two opening events, the student is still pending transfer.
  auto c = call("GET", "/v1/cases/" + id, nullptr, school);
  EXPECT_EQ(c.json()["history"].size(), 2u);
  EXPECT_EQ(c.json()["steps"][0]["status"], "active");
}

TEST_P(ServerTest, AStoreThatFailsIs503AndNothingIsAcknowledged) {
  const std::string id = open_transfer(register_student());
  {
    soci::session sql(GetParam() == "sqlite" ? "sqlite3" : "postgresql",
                      store::parse_database_url(url_)->connect);
    sql << "DROP TABLE case_events";
  }
  auto r = call("POST", "/v1/cases/" + id + "/decisions",
                {{"step", "sending_school"}, {"decision", "approve"}, {"by", "4501020001"}},
                reg("4501020001"));
  expect_problem(r, 503, "store_failed");
  // The engine did not move: the step is still the school's.
  auto again =
      call("POST", "/v1/cases/" + id + "/decisions",
           {{"step", "sending_county"}, {"decision", "approve"}, {"by", "450102"}}, reg("450102"));
  expect_problem(again, 409, "step_not_active");
  // The trail says the decision failed, not that it was taken.
  const auto trail = audit_trail();
  int failed = 0, taken = 0;
  for (const auto& e : trail) {
    if (e.action != "case.decide" || e.account != reg("4501020001")) continue;
    failed += e.outcome == "store_failed";
    taken += e.outcome == "ok";
  }
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(taken, 0);
}

TEST_P(ServerTest, TheClockCannotBeMovedOnTheSystemClock) {
  stop();
  // A fresh store: its demo accounts are seeded at today's date.
  url_ = fresh_database(GetParam());
  start(nullptr);
  expect_problem(
      call("POST", "/v1/clock/advance", {{"to", "2030-01-01T00:00:00+08:00"}}, ministry_), 404,
      "not_found");
}

TEST_P(ServerTest, TheParentsProgressViewShowsNoIdentity) {
  const std::string id = open_transfer(register_student());
  ASSERT_EQ(
      call("POST", "/v1/clock/advance", {{"to", "2025-10-17T00:00:00+08:00"}}, ministry_).status,
      200);
  auto r = call("GET", "/v1/cases/" + id + "/progress", nullptr, reg("4501030002"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json p = r.json();
  EXPECT_EQ(p["student"], "李**");
  EXPECT_EQ(p["now"]["org"], "450102");  // escalated: the county holds it now
  EXPECT_EQ(p["now"]["org_name"], "兴宁区");
  EXPECT_EQ(p["now"]["until"], "2025-10-23");
  EXPECT_EQ(p["history"].size(), 4u);
  // Nothing more personal than the masked name: no ID, no number, no name.
  EXPECT_EQ(r.body.find("450102201309150019"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("李小明"), std::string::npos) << r.body;
  expect_problem(call("GET", "/v1/cases/nosuch/progress", nullptr, reg("4501030002")), 404,
                 "unknown_case");
}

TEST_P(ServerTest, PendingAndOverdueListsPerOrg) {
  const std::string first = open_transfer(register_student());
  auto other =
      call("POST", "/v1/students",
           {{"id", "450102201405050018"}, {"name", "王五"}, {"school", "4501020002"}, {"grade", 3}},
           reg("4501020002"));
  ASSERT_EQ(other.status, 201) << other.body;
  ASSERT_EQ(
      call("POST", "/v1/clock/advance", {{"to", "2025-09-29T10:00:00+08:00"}}, ministry_).status,
      200);
  auto second =
      call("POST", "/v1/cases",
           {{"kind", "transfer"}, {"student", "G450102201405050018"}, {"to_school", "4501030002"}},
           reg("4501030002"));
  ASSERT_EQ(second.status, 201) << second.body;
  auto school = call("GET", "/v1/orgs/4501020001/pending", nullptr, reg("4501020001"));
  ASSERT_EQ(school.status, 200);
  // The transfer's step, then the archive the school builds within two
  // months of the registration (Art. 6).
  ASSERT_EQ(school.json()["pending"].size(), 2u);
  EXPECT_EQ(school.json()["pending"][0]["case"], first);
  EXPECT_EQ(school.json()["pending"][0]["due"], "2025-10-16");
  EXPECT_EQ(school.json()["pending"][1]["kind"], "archive_build");
  EXPECT_EQ(call("GET", "/v1/orgs/450102/overdue", nullptr, reg("450102")).json()["overdue"].size(),
            0u);
  // The second opened on 09-29: due 10-20, so escalated at 10-21 00:00.
  ASSERT_EQ(
      call("POST", "/v1/clock/advance", {{"to", "2025-10-21T00:00:00+08:00"}}, ministry_).status,
      200);
  // Both schools missed their deadlines: the county holds both, soonest first.
  auto county = call("GET", "/v1/orgs/450102/pending", nullptr, reg("450102")).json()["pending"];
  ASSERT_EQ(county.size(), 2u);
  EXPECT_EQ(county[0]["case"], first);
  EXPECT_LE(county[0]["holder_due"].get<std::string>(), county[1]["holder_due"].get<std::string>());
  // Overdue in the city's subtree: both; in the other county's: none.
  EXPECT_EQ(call("GET", "/v1/orgs/450100/overdue", nullptr, reg("450100")).json()["overdue"].size(),
            2u);
  EXPECT_EQ(call("GET", "/v1/orgs/450103/overdue", nullptr, reg("450103")).json()["overdue"].size(),
            0u);
  expect_problem(call("GET", "/v1/orgs/999999/pending", nullptr, reg("450102")), 404,
                 "unknown_org");
}

TEST_P(ServerTest, ARetriedPostWithTheSameKeyChangesNothing) {
  const std::string student = register_student();
  const std::string body =
      json{{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}}.dump();
  auto with_key = [&](const std::string& key, const std::string& payload,
                      const std::string& target = "/v1/cases",
                      const std::string& account = reg("4501030002")) {
    if (tokens_.count(account) == 0) tokens_[account] = sign_in(account).json().value("token", "");
    namespace beast = boost::beast;
    namespace bhttp = beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect(
        {boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server_->port())});
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
    req.set("Idempotency-Key", key);
    req.set("Authorization", "Bearer " + tokens_[account]);
    req.body() = payload;
    req.prepare_payload();
    bhttp::write(socket, req);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(socket, buffer, res);
    return std::make_pair(static_cast<int>(res.result_int()), res.body());
  };
  const auto first = with_key("k-1", body);
  ASSERT_EQ(first.first, 201) << first.second;
  const auto again = with_key("k-1", body);
  EXPECT_EQ(again, first);  // the first answer, byte for byte
  auto cases = TestStore::open(url_);
  EXPECT_EQ(*(*cases)->count_rows("cases"), 2);  // the transfer, and the archive's (Art. 6)
  // A registration retried with its key is the first answer, not a duplicate.
  const std::string wang = json{
      {"id", "450102201405050018"},
      {"name", "王五"},
      {"school", "4501020002"},
      {"grade", 3}}.dump();
  const auto registered = with_key("k-2", wang, "/v1/students", reg("4501020002"));
  ASSERT_EQ(registered.first, 201) << registered.second;
  EXPECT_EQ(with_key("k-2", wang, "/v1/students", reg("4501020002")), registered);
  // Keys are each caller's own: another account's "k-2" is another key.
  const auto elsewhere = with_key("k-2", wang, "/v1/students", reg("450102"));
  EXPECT_EQ(elsewhere.first, 409) << elsewhere.second;  // a second registration, refused
  EXPECT_NE(elsewhere.second.find("duplicate_registration"), std::string::npos);
  const auto other = with_key("k-1", json{{"kind", "leave"}, {"student", student}}.dump());
  EXPECT_EQ(other.first, 422);
  EXPECT_NE(other.second.find("idempotency_key_reused"), std::string::npos);
  // The transfer, and one archive case per registration, not per retry.
  EXPECT_EQ(*(*cases)->count_rows("cases"), 3);
}

TEST_P(ServerTest, TheFirstAnswerCommitsWithItsTransition) {
  const std::string student = register_student();
  // A reservation left by a request that died before committing is freed
  // at start, so its retry runs.
  auto store = TestStore::open(url_);
  ASSERT_TRUE((*store)->answers.reserve_answer("dead", "h", clock_->now()).ok());
  EXPECT_EQ(*(*store)->answers.release_abandoned_answers(), 1);
  // The engine writes the answer in the same transaction as the transition:
  // with the API's own recording skipped (as if the server died right after
  // the commit), the key already holds the full answer.
  ASSERT_TRUE(*(*store)->answers.reserve_answer("k-crash", "hash", clock_->now()));
  auto recipe = std::make_shared<AnswerRecipe>();
  recipe->key = "k-crash";
  recipe->status = 201;
  recipe->content_type = "application/json";
  recipe->render = [](const CaseState& after, const std::vector<CaseEvent>&) {
    return json{{"id", after.id}, {"events", after.event_count}}.dump();
  };
  OpenCase open{"transfer",
                "4501030002",
                {{"to_school", "4501030002"}},
                *(*(*store)->find_student(student)),
                ""};
  ASSERT_TRUE(engine_->request("c-crash", open, recipe).ok);
  auto answer = (*store)->answers.find_answer("k-crash");
  ASSERT_TRUE(answer.ok() && answer->has_value());
  EXPECT_EQ((*answer)->status, 201);
  EXPECT_EQ((*answer)->body, R"({"events":2,"id":"c-crash"})");
}

TEST_P(ServerTest, MetricsSpeakPrometheus) {
  open_transfer(register_student());
  auto r = call("GET", "/metrics", nullptr, "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4");
  // Two sign-ins, a registration and a case.
  EXPECT_NE(r.body.find("xueji_http_requests_total{status=\"201\"} 4"), std::string::npos)
      << r.body;
  // The transfer, and the archive the registration gave the school (Art. 6).
  EXPECT_NE(r.body.find("xueji_pending_cases 2"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("xueji_overdue_steps 0"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("xueji_http_request_duration_seconds_count"), std::string::npos);
  EXPECT_NE(r.body.find("xueji_commit_batch_max"), std::string::npos);
  EXPECT_NE(r.body.find("xueji_notices_waiting 0"), std::string::npos) << r.body;
  // No actor failed (tests/actors/failed_actor_test.cc makes one fail).
  EXPECT_NE(r.body.find("xueji_actors_failed_total{directory=\"case\"} 0\n"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("xueji_actors_failed_total{directory=\"account\"} 0\n"), std::string::npos)
      << r.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
