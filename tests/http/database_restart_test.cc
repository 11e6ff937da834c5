// Issue 18, defects 1 and 4: the whole server over real HTTP outlives a
// PostgreSQL crash and restart. While the database is down every request
// answers 503 promptly, with Retry-After and no SQL or driver text; when it
// is back the server serves again by itself within seconds, and nothing it
// acknowledged before is lost.

#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "adapters/http/problem.h"
#include "tests/http/api_fixture.h"
#include "tests/http/raw_client.h"

namespace xueji::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Runs a pg_ctl command on the test cluster as its owner.
int pg_ctl(const std::string& args) {
  const char* dir = std::getenv("XUEJI_TEST_POSTGRES_DIR");
  if (dir == nullptr) return -1;
  const std::string owner = getuid() == 0 ? "runuser -u postgres -- " : "";
  const std::string command = owner +
                              "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl -D " +
                              dir + "/data " + args + " >/dev/null 2>&1";
  return std::system(command.c_str());
}

class DatabaseRestart : public ApiFixture {
 protected:
  void SetUp() override {
    ASSERT_NE(std::getenv("XUEJI_TEST_POSTGRES_DIR"), nullptr)
        << "XUEJI_TEST_POSTGRES_DIR is not set: run the tests with scripts/test.sh";
    ApiFixture::SetUp();
  }

  // A request as raw bytes with `token`, its answers and how long it took.
  RawAnswers send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& token, Clock::duration* took = nullptr) {
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
    if (!body.empty()) {
      r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n";
    }
    r += "Connection: close\r\n\r\n" + body;
    const auto start = Clock::now();
    RawAnswers got = raw_call(server_->port(), r, 10s);
    if (took != nullptr) *took = Clock::now() - start;
    return got;
  }

  // During the outage: 503, a problem with Retry-After, no internal text,
  // and promptly.
  void expect_unavailable(const std::string& method, const std::string& target,
                          const std::string& body, const std::string& token) {
    SCOPED_TRACE(method + " " + target);
    Clock::duration took{};
    const RawAnswers got = send(method, target, body, token, &took);
    ASSERT_EQ(got.answers.size(), 1u);
    const HttpAnswer& a = got.answers[0];
    EXPECT_EQ(a.status, 503) << a.body;
    EXPECT_EQ(a.content_type, "application/problem+json");
    EXPECT_EQ(got.retry_after[0], std::to_string(http::kRetryAfterSeconds));
    // The id the log names the store's own message by.
    EXPECT_FALSE(got.request_id[0].empty());
    // In the registrars' language by default (problem_language.h).
    EXPECT_EQ(a.json().value("title", ""), "数据库暂不可用") << a.body;
    EXPECT_EQ(a.json().value("detail", ""), "数据库暂不可用，请稍后重试") << a.body;
    for (const char* leak :
         {"SELECT", "INSERT", "UPDATE", "Cannot", "Fatal", "soci", "postgresql", "server"}) {
      EXPECT_EQ(a.body.find(leak), std::string::npos) << a.body;
    }
    EXPECT_LT(took, 3s);
  }

  std::string token_of(const std::string& account) {
    auto r = sign_in(account);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("token", "");
  }
};

TEST_P(DatabaseRestart, TheServerServesAgainByItselfAndLosesNothing) {
  // Acknowledged before the crash: a registration and a case.
  const std::string student = register_student();
  const std::string id = open_transfer(student);
  ASSERT_FALSE(id.empty());
  const std::string school = token_of(reg("4501020001"));
  const std::string receiving = token_of(reg("4501030002"));
  const std::string other = token_of(reg("4501020002"));

  ASSERT_EQ(pg_ctl("-m immediate stop"), 0);
  struct Restarter {  // whatever fails below, the cluster comes back
    bool done = false;
    ~Restarter() {
      if (!done) pg_ctl("-l /dev/null -w restart");
    }
  } restarter;

  const std::string wang =
      R"({"id":"450102201405050018","name":"王五","school":"4501020002","grade":3})";
  expect_unavailable("POST", "/v1/sessions",
                     R"({"name":"reg.4501020002","password":"Xueji-Demo-2025"})", "");
  expect_unavailable("POST", "/v1/students", wang, other);
  expect_unavailable("GET", "/v1/cases/" + id, "", school);
  expect_unavailable("GET", "/v1/orgs/4501020001/pending", "", school);
  expect_unavailable("GET", "/readyz", "", "");
  expect_unavailable("GET", "/readyz", "", "");  // and again: nothing hangs

  // Back on the same port, as after a crash.
  const char* dir = std::getenv("XUEJI_TEST_POSTGRES_DIR");
  ASSERT_EQ(std::system(("bash " + project_path("scripts/postgres-throwaway.sh") + " restart " +
                         dir + " 2>/dev/null")
                            .c_str()),
            0);
  restarter.done = true;
  const auto back = Clock::now();
  bool ready = false, signed_in = false, registered = false, opened = false;
  std::string last;
  int refused = 0;  // answers other than the expected after the return
  while (Clock::now() - back < 5s && !(ready && signed_in && registered && opened)) {
    if (!ready) ready = call("GET", "/readyz", nullptr, "").status == 200;
    if (!signed_in) signed_in = sign_in(reg("4501020002")).status == 201;
    if (!registered) {
      auto r = call("POST", "/v1/students", nlohmann::json::parse(wang), reg("4501020002"));
      registered = r.status == 201;
      last = r.body;
    }
    if (registered && !opened) {
      auto r = call(
          "POST", "/v1/cases",
          {{"kind", "transfer"}, {"student", "G450102201405050018"}, {"to_school", "4501030002"}},
          reg("4501030002"));
      opened = r.status == 201;
      last = r.body;
    }
    if (!(ready && signed_in && registered && opened)) {
      ++refused;
      std::this_thread::sleep_for(100ms);
    }
  }
  // Each pooled connection and the writer's notice the restart before
  // their first use (connection_pool.h): the first requests already work.
  EXPECT_EQ(refused, 0) << last;
  EXPECT_TRUE(ready);
  EXPECT_TRUE(signed_in);
  EXPECT_TRUE(registered) << last;
  EXPECT_TRUE(opened) << last;
  const auto recovered = Clock::now() - back;
  std::printf("serving again %lld ms after PostgreSQL's return\n",
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(recovered).count()));

  // Nothing acknowledged before the crash is lost: the tokens still work,
  // the student and the case are there with their history.
  auto record = send("GET", "/v1/students/" + student, "", school);
  ASSERT_EQ(record.answers.size(), 1u);
  EXPECT_EQ(record.answers[0].status, 200) << record.answers[0].body;
  auto c = send("GET", "/v1/cases/" + id, "", receiving);
  ASSERT_EQ(c.answers.size(), 1u);
  EXPECT_EQ(c.answers[0].status, 200) << c.answers[0].body;
  EXPECT_EQ(c.answers[0].json()["history"].size(), 2u);
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->count_rows("students"), 2);
  // The audit trail is whole: it still verifies as one chain.
  const auto trail = audit_trail();
  EXPECT_FALSE(trail.empty());
  const auto broken = verify_chain(trail);
  EXPECT_FALSE(broken.has_value())
      << "the chain breaks at entry " << broken->seq << ": " << broken->reason;
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseRestart, ::testing::Values("postgresql"), backend_name);

}  // namespace
}  // namespace xueji::test
