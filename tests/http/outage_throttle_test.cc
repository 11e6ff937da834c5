// Issue 18: during a database outage a request whose token cannot be
// checked, or an open route the store cannot answer, is 503 with
// Retry-After, never 429 `rate_limited`: it is not charged to its
// address's anonymous bucket. A request that truly carries no valid token
// still is. The outage is this test's own database refusing connections
// (its backends terminated), which leaves the shared cluster running.

#include <soci/soci.h>

#include <thread>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class OutageThrottle : public ApiFixture {
 protected:
  // A session on the cluster's `postgres` database, and the name of ours
  // (the test URL is postgresql://user@host:port/name).
  std::unique_ptr<soci::session> maintenance(std::string& ours) {
    const std::string url = url_.substr(0, url_.find('?'));
    const auto slash = url.rfind('/');
    ours = url.substr(slash + 1);
    return std::make_unique<soci::session>(
        "postgresql", store::parse_database_url(url.substr(0, slash + 1) + "postgres")->connect);
  }

  void outage(bool down) {
    std::string ours;
    auto sql = maintenance(ours);
    *sql << "ALTER DATABASE \"" + ours + "\" ALLOW_CONNECTIONS " + (down ? "false" : "true");
    if (down) {
      *sql << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
                  ours + "' AND pid <> pg_backend_pid()";
    }
  }

  void TearDown() override {
    outage(false);
    ApiFixture::TearDown();
  }

  HttpAnswer progress() {
    return http_call(server_->port(), "GET", "/v1/progress/7KQ2MZ9DHX4PRT3B");
  }

  void expect_unavailable(const HttpAnswer& r) {
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_FALSE(r.retry_after.empty()) << r.body;
    const std::string type = r.json().value("type", "");
    EXPECT_TRUE(type == "urn:xueji:problem:store_unavailable" ||
                type == "urn:xueji:problem:store_failed")
        << r.body;
  }
};

TEST_P(OutageThrottle, AnUncheckableTokenIs503AndNotChargedAsAnonymous) {
  http::ThrottleSettings narrow = test_throttle();
  narrow.anonymous_per_second = 0.001;  // no refill within the test
  narrow.anonymous_burst = 2;
  throttle_ = narrow;
  stop();
  start(clock_);
  auto signed_in = sign_in(reg("4501020001"));  // 1 of 2
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string token = signed_in.json().value("token", "");

  outage(true);
  for (int i = 0; i < 5; ++i) {
    expect_unavailable(with_token("GET", "/v1/accounts/reg.4501020001", "", token));
    expect_unavailable(with_token("GET", "/v1/accounts/reg.4501020001", "", "not-a-token"));
    expect_unavailable(sign_in(reg("4501020001")));
  }
  outage(false);

  // Serving again within seconds, the bucket as the outage found it: one
  // anonymous request left, then 429.
  HttpAnswer back;
  for (int i = 0; i < 100; ++i) {
    back = with_token("GET", "/v1/accounts/reg.4501020001", "", token);
    if (back.status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(progress().status, 404);  // 2 of 2
  expect_problem(progress(), 429, "rate_limited");
}

// The outage is PostgreSQL's (a database refusing connections).
INSTANTIATE_TEST_SUITE_P(Backends, OutageThrottle, ::testing::Values("postgresql"), backend_name);

}  // namespace
}  // namespace xueji::test
