// Issue 18's hostile catalogue: requests no honest client sends, each over
// real HTTP on PostgreSQL and SQLite, each with its exact status and problem
// type, and none changing anything (no student, case, event, number or
// notice more; no audit entry saying "ok").

#include <sys/socket.h>

#include <functional>
#include <thread>

#include "tests/http/api_fixture.h"
#include "tests/http/hostile_catalogue.h"
#include "tests/http/raw_client.h"

namespace xueji::test {
namespace {

using namespace std::chrono_literals;
using namespace hostile;

class HostileTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    // The same API behind a server with short time limits, so the slow
    // clients below are closed within the test's patience.
    http::ServerOptions options;
    options.header_timeout = 1s;
    options.body_timeout = 1s;
    server_.reset();
    auto server = http::HttpServer::start_async(
        "127.0.0.1", 0,
        [this](const http::Request& r, http::Reply reply) { api_->handle(r, std::move(reply)); },
        options);
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
    register_student();  // 李小明, G450102201309150019, at 4501020001
    registrar_ = sign_in(reg("4501020001")).json().value("token", "");
    ministry_ = sign_in(admin("000000")).json().value("token", "");
    ASSERT_FALSE(registrar_.empty());
    ASSERT_FALSE(ministry_.empty());
    // The first use of the key the catalogue abuses: refused, answer kept.
    auto first =
        http_call(server_->port(), "POST", "/v1/cases", kFirstKeyedBody,
                  {{"Authorization", "Bearer " + registrar_}, {"Idempotency-Key", "hostile-key"}});
    ASSERT_EQ(first.status, 422) << first.body;
  }

  // What no refusal may change.
  std::map<std::string, int64_t> counts() {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    std::map<std::string, int64_t> out;
    for (const char* table : {"students", "cases", "case_events", "notices", "idempotency_keys",
                              "accounts", "tokens"}) {
      auto n = (*store)->count_rows(table);
      EXPECT_TRUE(n.ok()) << table;
      out[table] = n.ok() ? *n : -1;
    }
    return out;
  }

  std::string with_tokens(std::string request) {
    for (const auto& [mark, token] : {std::pair{"{T}", registrar_}, {"{M}", ministry_}}) {
      for (size_t at; (at = request.find(mark)) != std::string::npos;) {
        request.replace(at, 3, token);
      }
    }
    return request;
  }

  std::string registrar_, ministry_;
};

TEST_P(HostileTest, EveryHostileRequestIsRefusedExactlyAndChangesNothing) {
  auto rows = catalogue();
  for (auto& row : more_hostile_requests()) rows.push_back(std::move(row));
  EXPECT_GE(rows.size(), 60u);
  std::printf("hostile catalogue: %zu rows\n", rows.size());
  const auto before = counts();
  const size_t trail_before = audit_trail().size();
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    const RawAnswers got = raw_call(server_->port(), with_tokens(row.request));
    ASSERT_EQ(got.answers.size(), 1u) << "no single answer";
    const HttpAnswer& answer = got.answers[0];
    expect_problem(answer, row.status, row.type);
    // No answer carries the store's or the parser's innards.
    for (const char* leak : {"SELECT", "INSERT", "soci", "sqlite3", "postgresql://"}) {
      EXPECT_EQ(answer.body.find(leak), std::string::npos) << answer.body;
    }
  }
  EXPECT_EQ(counts(), before);
  // The trail only grew by refusals.
  const auto trail = audit_trail();
  for (size_t i = trail_before; i < trail.size(); ++i) {
    EXPECT_NE(trail[i].outcome, "ok") << trail[i].action << " " << trail[i].target;
  }
  // And the server still serves an honest request.
  EXPECT_EQ(call("GET", "/v1/students/G450102201309150019", nullptr, reg("4501020001")).status,
            200);
}

// Issue 18, defect 2: "a\u0000b" was stored as "a".
TEST_P(HostileTest, ANameWithANulIsRefusedNotCut) {
  auto r = call("POST", "/v1/students",
                nlohmann::json{{"id", "450102201405050018"},
                               {"name", std::string("a\0b", 3)},
                               {"school", "4501020001"},
                               {"grade", 3}},
                reg("4501020001"));
  expect_problem(r, 400, "malformed_json");
  EXPECT_NE(r.body.find("字段 name"), std::string::npos) << r.body;
  auto store = TestStore::open(url_);
  auto found = (*store)->find_student("G450102201405050018");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

// Two requests in one write: both answered, in order, on one connection.
TEST_P(HostileTest, PipelinedRequestsAreAnsweredInOrder) {
  const std::string first = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string second =
      with_tokens("GET /v1/cases/nosuch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {T}\r\n\r\n");
  const std::string third =
      "GET /readyz HTTP/1.1\r\nHost: x\r\nX-Request-Id: mine-3\r\nConnection: close\r\n\r\n";
  const RawAnswers got = raw_call(server_->port(), first + second + third);
  ASSERT_EQ(got.answers.size(), 3u);
  EXPECT_EQ(got.answers[0].status, 200);
  expect_problem(got.answers[1], 404, "unknown_case");
  EXPECT_EQ(got.answers[2].status, 200);
  EXPECT_TRUE(got.closed);
  // Each answer names its request: the caller's id, else one of the server's.
  EXPECT_FALSE(got.request_id[0].empty());
  EXPECT_NE(got.request_id[0], got.request_id[1]);
  EXPECT_EQ(got.request_id[2], "mine-3");
}

// Issue 18, defect 3: clients that send part of their headers and then
// nothing hold no worker, are closed when their time is up, and everyone
// else is served meanwhile.
TEST_P(HostileTest, SlowClientsAreClosedAndOthersServedMeanwhile) {
  boost::asio::io_context io;
  std::vector<boost::asio::ip::tcp::socket> slow;
  const auto opened = std::chrono::steady_clock::now();
  for (int i = 0; i < 12; ++i) {  // three times the workers
    slow.push_back(raw_connect(io, server_->port(), 5s));
    const std::string partial = "POST /v1/students HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    boost::asio::write(slow.back(), boost::asio::buffer(partial));
  }
  // One that sends its headers but only part of its body.
  slow.push_back(raw_connect(io, server_->port(), 5s));
  boost::asio::write(slow.back(),
                     boost::asio::buffer(with_tokens(
                         "POST /v1/students HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {T}\r\n"
                         "Content-Length: 100\r\n\r\n{\"id\":")));
  const auto asked = std::chrono::steady_clock::now();
  auto served = call("GET", "/v1/students/G450102201309150019", nullptr, reg("4501020001"));
  EXPECT_EQ(served.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 500ms);
  for (auto& socket : slow) {
    std::string got;
    EXPECT_TRUE(read_to_close(socket, got)) << "still open";
    EXPECT_TRUE(got.empty()) << got;
  }
  const auto waited = std::chrono::steady_clock::now() - opened;
  EXPECT_GE(waited, 900ms);  // not before their time
  EXPECT_LT(waited, 4s);
  auto store = TestStore::open(url_);
  EXPECT_EQ(*(*store)->count_rows("students"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
