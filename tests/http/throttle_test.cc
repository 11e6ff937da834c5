// Issue 18, throttling: wrong passwords refuse an (account, client address)
// pair for a while, an administrator sees and clears the blocks, requests
// without a valid token are rate-limited per address before they reach the
// audit trail, and X-Forwarded-For counts only from a trusted proxy. On
// both backends, on the fixture's simulated clock.

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class ThrottleTest : public ApiFixture {
 protected:
  void restart(const http::ThrottleSettings& t) {
    throttle_ = t;
    stop();
    start(clock_);
  }

  // The shipped sign-in limits (5 in 15 minutes block 15 minutes), the
  // anonymous bucket wide open.
  static http::ThrottleSettings shipped() {
    http::ThrottleSettings t = test_throttle();
    t.sign_in_failures = http::ThrottleSettings{}.sign_in_failures;
    return t;
  }
  // The same, the test's proxy (this loopback) trusted.
  static http::ThrottleSettings behind_proxy() {
    http::ThrottleSettings t = shipped();
    t.trusted_proxies = *http::TrustedProxies::parse({"127.0.0.1"});
    return t;
  }

  HttpAnswer sign_in_from(const std::string& forwarded_for, const std::string& account,
                          const std::string& password) {
    return http_call(server_->port(), "POST", "/v1/sessions",
                     json{{"name", account}, {"password", password}}.dump(),
                     {{"X-Forwarded-For", forwarded_for}});
  }

  // `account`'s five wrong passwords from `from`, each a 401.
  void five_wrong(const std::string& from, const std::string& account) {
    for (int i = 0; i < 5; ++i) {
      expect_problem(sign_in_from(from, account, "Wrong-Password-" + std::to_string(i)), 401,
                     "bad_credentials");
    }
  }

  // The trail's entries with `action` naming `account`, their outcomes in order.
  std::vector<std::string> outcomes(const std::string& action, const std::string& account) {
    std::vector<std::string> out;
    for (const auto& e : audit_trail()) {
      if (e.action == action && e.account == account) out.push_back(e.outcome);
    }
    return out;
  }

  HttpAnswer advance(const std::string& to) {
    return call("POST", "/v1/clock/advance", {{"to", to}}, admin("000000"));
  }
};

TEST_P(ThrottleTest, WrongPasswordsRefuseThePairNotTheAccount) {
  restart(behind_proxy());
  const std::string registrar = reg("4501020001");
  five_wrong("203.0.113.5", registrar);
  // The right password too, from there: guessing stops.
  auto refused = sign_in_from("203.0.113.5", registrar, store::kDemoPassword);
  expect_problem(refused, 429, "too_many_attempts");
  EXPECT_EQ(refused.retry_after, "900");
  EXPECT_EQ(refused.content_language, "zh-CN");
  EXPECT_NE(refused.json().value("detail", "").find("密码错误次数过多"), std::string::npos)
      << refused.body;
  // The registrar at its own desk is not locked out by a stranger.
  EXPECT_EQ(sign_in_from("198.51.100.7", registrar, store::kDemoPassword).status, 201);
  // Each attempt is on the trail once, with what it was answered.
  EXPECT_EQ(
      outcomes("session.login", registrar),
      (std::vector<std::string>{"bad_credentials", "bad_credentials", "bad_credentials",
                                "bad_credentials", "bad_credentials", "too_many_attempts", "ok"}));
  // Fifteen minutes later the pair may try again.
  ASSERT_EQ(advance("2025-09-26T09:14:59+08:00").status, 200);
  EXPECT_EQ(sign_in_from("203.0.113.5", registrar, store::kDemoPassword).status, 429);
  ASSERT_EQ(advance("2025-09-26T09:15:00+08:00").status, 200);
  EXPECT_EQ(sign_in_from("203.0.113.5", registrar, store::kDemoPassword).status, 201);
}

TEST_P(ThrottleTest, FailuresOutsideTheWindowAndASuccessStartAfresh) {
  restart(behind_proxy());
  const std::string registrar = reg("4501020001");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(sign_in_from("203.0.113.5", registrar, "Wrong-Password-1").status, 401);
  }
  EXPECT_EQ(sign_in_from("203.0.113.5", registrar, store::kDemoPassword).status, 201);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(sign_in_from("203.0.113.5", registrar, "Wrong-Password-1").status, 401);
  }
  ASSERT_EQ(advance("2025-09-26T09:15:00+08:00").status, 200);  // the four are out of the window
  EXPECT_EQ(sign_in_from("203.0.113.5", registrar, "Wrong-Password-1").status, 401);
  EXPECT_EQ(sign_in_from("203.0.113.5", registrar, store::kDemoPassword).status, 201);
}

TEST_P(ThrottleTest, WrongOldPasswordsCountAsWrongPasswords) {
  restart(shipped());
  const std::string registrar = reg("4501020001");
  const std::string target = "/v1/accounts/" + registrar + "/password";
  const std::string body =
      json{{"old_password", "Wrong-Password-1"}, {"new_password", "Another-Pass-2025!"}}.dump();
  for (int i = 0; i < 5; ++i) {
    expect_problem(http_call(server_->port(), "POST", target, body), 401, "bad_credentials");
  }
  expect_problem(http_call(server_->port(), "POST", target, body), 429, "too_many_attempts");
  expect_problem(sign_in(registrar), 429, "too_many_attempts");
}

TEST_P(ThrottleTest, AnAdministratorListsAndClearsTheBlocksItManages) {
  restart(behind_proxy());
  const std::string registrar = reg("4501020001");
  five_wrong("203.0.113.5", registrar);
  five_wrong("203.0.113.5", "no.such.account");
  expect_problem(call("GET", "/v1/sign-in-blocks", nullptr, registrar), 403, "role_forbidden");
  // Another county's administrator sees none of it and clears nothing.
  auto other = call("GET", "/v1/sign-in-blocks", nullptr, admin("450103"));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_TRUE(other.json()["blocks"].empty()) << other.body;
  const std::string clear = "/v1/accounts/" + registrar + "/sign-in-blocks";
  expect_problem(call("DELETE", clear, nullptr, admin("450103")), 403, "out_of_jurisdiction");
  // The county's administrator sees its registrar's block, not the made-up
  // name's, which is the ministry's.
  auto listed = call("GET", "/v1/sign-in-blocks", nullptr, admin("450102"));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["blocks"].size(), 1u) << listed.body;
  const json block = listed.json()["blocks"][0];
  EXPECT_EQ(block.value("account", ""), registrar);
  EXPECT_EQ(block.value("address", ""), "203.0.113.5");
  EXPECT_EQ(block.value("failures", 0), 5);
  EXPECT_EQ(block.value("until", ""), "2025-09-26T09:15:00+08:00");
  EXPECT_EQ(block.value("retry_after", 0), 900);
  auto ministry = call("GET", "/v1/sign-in-blocks", nullptr, admin("000000"));
  ASSERT_EQ(ministry.status, 200) << ministry.body;
  EXPECT_EQ(ministry.json()["blocks"].size(), 2u) << ministry.body;
  expect_problem(call("DELETE", clear + "?address=nowhere", nullptr, admin("450102")), 400,
                 "invalid_query");
  auto cleared = call("DELETE", clear + "?address=203.0.113.5", nullptr, admin("450102"));
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.json()["cleared"].size(), 1u) << cleared.body;
  EXPECT_EQ(sign_in_from("203.0.113.5", registrar, store::kDemoPassword).status, 201);
  auto none = call("GET", "/v1/sign-in-blocks", nullptr, admin("450102"));
  EXPECT_TRUE(none.json()["blocks"].empty()) << none.body;
  EXPECT_EQ(outcomes("account.unblock", admin("450102")),
            (std::vector<std::string>{"invalid_query", "ok"}));
  EXPECT_EQ(outcomes("account.unblock", admin("450103")),
            (std::vector<std::string>{"out_of_jurisdiction"}));
}

TEST_P(ThrottleTest, TheAnonymousBucketRefusesBeforeTheAuditTrail) {
  http::ThrottleSettings narrow = behind_proxy();
  narrow.anonymous_per_second = 0.001;  // no refill within the test
  narrow.anonymous_burst = 4;
  restart(narrow);
  auto signed_in = sign_in(reg("4501020001"));  // 1 of 4
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string token = signed_in.json().value("token", "");
  for (int i = 0; i < 3; ++i) {  // 2, 3 and 4 of 4
    EXPECT_EQ(call("GET", "/v1/progress/7KQ2MZ9DHX4PRT3B", nullptr, "").status, 404);
  }
  const size_t before = audit_trail().size();
  auto limited = call("GET", "/v1/progress/7KQ2MZ9DHX4PRT3B", nullptr, "");
  expect_problem(limited, 429, "rate_limited");
  EXPECT_GE(std::stoi(limited.retry_after.empty() ? "0" : limited.retry_after), 1);
  EXPECT_NE(limited.json().value("detail", "").find("未登录请求过多"), std::string::npos)
      << limited.body;
  expect_problem(sign_in(reg("4501020001")), 429, "rate_limited");
  expect_problem(call("GET", "/v1/accounts/reg.4501020001", nullptr, ""), 429, "rate_limited");
  EXPECT_EQ(http_call(server_->port(), "GET", "/v1/nowhere").status, 429);
  EXPECT_EQ(audit_trail().size(), before) << "a refused request left an entry";
  // A valid token is not throttled; another address has its own bucket.
  EXPECT_EQ(with_token("GET", "/v1/accounts/reg.4501020001", "", token).status, 200);
  EXPECT_EQ(http_call(server_->port(), "GET", "/v1/progress/7KQ2MZ9DHX4PRT3B", "",
                      {{"X-Forwarded-For", "203.0.113.9"}})
                .status,
            404);
  EXPECT_EQ(audit_trail().size(), before + 2);
}

TEST_P(ThrottleTest, ForwardedForFromAnUntrustedPeerIsIgnored) {
  restart(shipped());  // no trusted proxy: the peer is the client
  const std::string registrar = reg("4501020001");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sign_in_from("203.0.113." + std::to_string(i), registrar, "Wrong-1").status, 401);
  }
  auto refused = sign_in_from("198.51.100.7", registrar, store::kDemoPassword);
  expect_problem(refused, 429, "too_many_attempts");
  EXPECT_NE(refused.json().value("detail", "").find("127.0.0.1"), std::string::npos)
      << refused.body;
}

TEST_P(ThrottleTest, BehindATrustedProxyTheRightmostUntrustedHopIsTheClient) {
  restart(behind_proxy());
  // The client wrote 10.9.9.9 itself; the proxy appended 203.0.113.5.
  five_wrong("10.9.9.9, 203.0.113.5", reg("4501020001"));
  auto listed = call("GET", "/v1/sign-in-blocks", nullptr, admin("450102"));
  ASSERT_EQ(listed.json()["blocks"].size(), 1u) << listed.body;
  EXPECT_EQ(listed.json()["blocks"][0].value("address", ""), "203.0.113.5");
  // So a client cannot shed its block by writing another address first.
  EXPECT_EQ(sign_in_from("10.1.1.1, 203.0.113.5", reg("4501020001"), store::kDemoPassword).status,
            429);
}

INSTANTIATE_TEST_SUITE_P(Backends, ThrottleTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
