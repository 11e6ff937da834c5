// Accounts over real HTTP, on PostgreSQL and SQLite, on the simulated clock:
// tokens on every route, jurisdiction inside and outside, the six-month
// seal (also across a restart and with the accounts' actors passivated),
// the password rule, and one audit entry per request (Art. 24, 26).

#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class AccountsTest : public ApiFixture {
 protected:
  HttpAnswer advance(const std::string& to) {
    return call("POST", "/v1/clock/advance", {{"to", to}}, admin("000000"));
  }

  // An account's stored record, read behind the API's back.
  StoredAccount stored(const std::string& name) {
    auto s = TestStore::open(url_);
    auto found = (*s)->find_account(name);
    EXPECT_TRUE(found.ok() && found->has_value()) << name;
    return found.ok() && found->has_value() ? **found : StoredAccount{};
  }

  // A system account of `org` with a fresh token, made by `by`.
  std::string system_account(const std::string& name, const std::string& org,
                             const std::string& by) {
    auto created =
        call("POST", "/v1/accounts",
             {{"name", name}, {"org", org}, {"role", "registrar"}, {"kind", "system"}}, by);
    EXPECT_EQ(created.status, 201) << created.body;
    auto issued = call("POST", "/v1/accounts/" + name + "/tokens", nullptr, by);
    EXPECT_EQ(issued.status, 201) << issued.body;
    return issued.json().value("token", "");
  }
};

TEST_P(AccountsTest, EveryRouteWantsAValidToken) {
  const std::string id = open_transfer(register_student());
  const std::vector<std::tuple<std::string, std::string, json>> routes = {
      {"POST", "/v1/students",
       json{
           {"id", "450102201405050018"}, {"name", "王五"}, {"school", "4501020002"}, {"grade", 3}}},
      {"POST", "/v1/cases", json{{"kind", "leave"}, {"student", "G450102201309150019"}}},
      {"GET", "/v1/cases/" + id, nullptr},
      {"GET", "/v1/cases/" + id + "/progress", nullptr},
      {"POST", "/v1/cases/" + id + "/decisions",
       json{{"step", "sending_school"}, {"decision", "approve"}}},
      {"POST", "/v1/cases/" + id + "/withdraw", json::object()},
      {"GET", "/v1/orgs/450102/notices", nullptr},
      {"GET", "/v1/orgs/450102/pending", nullptr},
      {"GET", "/v1/orgs/450102/overdue", nullptr},
      {"POST", "/v1/clock/advance", json{{"to", "2025-10-01T00:00:00+08:00"}}},
      {"POST", "/v1/accounts",
       json{{"name", "x.app"}, {"org", "450102"}, {"role", "registrar"}, {"kind", "system"}}},
      {"GET", "/v1/accounts/reg.450102", nullptr},
      {"POST", "/v1/accounts/reg.450102/unseal", nullptr},
      {"POST", "/v1/accounts/reg.450102/tokens", nullptr},
      {"DELETE", "/v1/tokens/T0000000000000000", nullptr},
  };
  const size_t entries_before = audit_trail().size();
  for (const auto& [method, path, body] : routes) {
    const std::string payload = body.is_null() ? "" : body.dump();
    auto none = http_call(server_->port(), method, path, payload);
    expect_problem(none, 401, "unauthenticated");
    EXPECT_EQ(none.www_authenticate, "Bearer realm=\"xueji\"") << method << " " << path;
    expect_problem(with_token(method, path, payload, "xj_not-a-token"), 401, "invalid_token");
  }
  // Each refusal is on the trail, and nothing else happened.
  const auto trail = audit_trail();
  ASSERT_EQ(trail.size(), entries_before + 2 * routes.size());
  EXPECT_EQ(trail.back().account, "-");
  EXPECT_EQ(trail.back().outcome, "invalid_token");
  EXPECT_EQ(trail.back().action, "token.revoke");
  auto s = TestStore::open(url_);
  EXPECT_EQ(*(*s)->count_rows("students"), 1);
  EXPECT_EQ(*(*s)->count_rows("cases"), 2);  // the transfer, and the archive's (Art. 6)

  // A session lasts its eight hours; then the token is refused as expired.
  auto signed_in = sign_in(reg("450102"));
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string token = signed_in.json()["token"];
  EXPECT_EQ(signed_in.json()["expires_at"], "2025-09-26T17:00:00+08:00");
  EXPECT_EQ(with_token("GET", "/v1/orgs/450102/pending", "", token).status, 200);
  ASSERT_EQ(advance("2025-09-26T17:00:00+08:00").status, 200);
  expect_problem(with_token("GET", "/v1/orgs/450102/pending", "", token), 401, "token_expired");
  // Signing out revokes a token at once.
  auto again = sign_in(reg("450102"));
  const std::string second = again.json()["token"];
  auto out =
      with_token("DELETE", "/v1/tokens/" + again.json()["token_id"].get<std::string>(), "", second);
  EXPECT_EQ(out.status, 200) << out.body;
  expect_problem(with_token("GET", "/v1/orgs/450102/pending", "", second), 401, "invalid_token");
}

TEST_P(AccountsTest, EveryRouteInsideAndOutsideJurisdiction) {
  // Registering: at a school of the registrar's subtree.
  const json wang = {
      {"id", "450102201405050018"}, {"name", "王五"}, {"school", "4501020001"}, {"grade", 3}};
  expect_problem(call("POST", "/v1/students", wang, reg("4501030001")), 403, "out_of_jurisdiction");
  expect_problem(call("POST", "/v1/students", wang, admin("4501020001")), 403, "role_forbidden");
  EXPECT_EQ(call("POST", "/v1/students", wang, reg("450102")).status, 201);
  const std::string student = register_student();
  // Opening: for one's own org only.
  expect_problem(call("POST", "/v1/cases",
                      {{"kind", "transfer"},
                       {"student", student},
                       {"to_school", "4501030002"},
                       {"by", "4501030002"}},
                      reg("4501020002")),
                 403, "out_of_jurisdiction");
  const std::string id = open_transfer(student);
  const std::string c = "/v1/cases/" + id;
  // Reading a case: a party's subtree.
  EXPECT_EQ(call("GET", c, nullptr, reg("450102")).status, 200);
  EXPECT_EQ(call("GET", c, nullptr, reg("450000")).status, 200);
  expect_problem(call("GET", c, nullptr, reg("4501020002")), 403, "out_of_jurisdiction");
  EXPECT_EQ(call("GET", c + "/progress", nullptr, reg("4501030002")).status, 200);
  expect_problem(call("GET", c + "/progress", nullptr, reg("440103")), 403, "out_of_jurisdiction");
  // An org's lists: its own subtree.
  EXPECT_EQ(call("GET", "/v1/orgs/450102/notices", nullptr, reg("450102")).status, 200);
  expect_problem(call("GET", "/v1/orgs/450102/notices", nullptr, reg("4501020001")), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(call("GET", "/v1/orgs/450102/pending", nullptr, reg("450100")).status, 200);
  expect_problem(call("GET", "/v1/orgs/450102/pending", nullptr, reg("450103")), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(call("GET", "/v1/orgs/450102/overdue", nullptr, admin("450000")).status, 200);
  expect_problem(call("GET", "/v1/orgs/450102/overdue", nullptr, reg("440000")), 403,
                 "out_of_jurisdiction");
  // Deciding: the step's own org, a registrar.
  const json approve = {{"step", "sending_school"}, {"decision", "approve"}};
  auto county = call("POST", c + "/decisions", approve, reg("450102"));
  expect_problem(county, 403, "out_of_jurisdiction");
  EXPECT_NE(county.json()["detail"].get<std::string>().find(
                "该环节由单位 南宁兴宁区第一小学（4501020001） 办理"),
            std::string::npos);
  expect_problem(call("POST", c + "/decisions", approve, admin("4501020001")), 403,
                 "role_forbidden");
  expect_problem(call("POST", c + "/decisions",
                      {{"step", "sending_school"}, {"decision", "approve"}, {"by", "4501020001"}},
                      reg("450102")),
                 403, "out_of_jurisdiction");
  EXPECT_EQ(call("POST", c + "/decisions", approve, reg("4501020001")).status, 200);
  // Withdrawing: on behalf of one's own org.
  expect_problem(call("POST", c + "/withdraw", {{"by", "4501030002"}}, reg("4501020001")), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(call("POST", c + "/withdraw", json::object(), reg("4501030002")).status, 200);
  // The simulated clock: the ministry's administrators only.
  expect_problem(
      call("POST", "/v1/clock/advance", {{"to", "2025-09-27T00:00:00+08:00"}}, admin("450000")),
      403, "role_forbidden");
  EXPECT_EQ(advance("2025-09-27T00:00:00+08:00").status, 200);
  // Accounts: an administrator, for its subtree.
  const json app = {
      {"name", "app.4501020001"}, {"org", "4501020001"}, {"role", "registrar"}, {"kind", "system"}};
  expect_problem(call("POST", "/v1/accounts", app, admin("450103")), 403, "out_of_jurisdiction");
  expect_problem(call("POST", "/v1/accounts", app, reg("450102")), 403, "role_forbidden");
  EXPECT_EQ(call("POST", "/v1/accounts", app, admin("450102")).status, 201);
  expect_problem(call("POST", "/v1/accounts", app, admin("450102")), 409, "account_exists");
  EXPECT_EQ(call("GET", "/v1/accounts/app.4501020001", nullptr, admin("450100")).status, 200);
  expect_problem(call("GET", "/v1/accounts/app.4501020001", nullptr, admin("450103")), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(call("GET", "/v1/accounts/reg.4501020001", nullptr, reg("4501020001")).status, 200);
  expect_problem(call("POST", "/v1/accounts/app.4501020001/tokens", nullptr, admin("450103")), 403,
                 "out_of_jurisdiction");
  auto issued = call("POST", "/v1/accounts/app.4501020001/tokens", nullptr, admin("450102"));
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string token = issued.json()["token"];
  const std::string token_id = issued.json()["token_id"];
  // The system account is scoped like any other.
  EXPECT_EQ(with_token("GET", "/v1/orgs/4501020001/pending", "", token).status, 200);
  expect_problem(with_token("GET", "/v1/orgs/450102/pending", "", token), 403,
                 "out_of_jurisdiction");
  expect_problem(call("DELETE", "/v1/tokens/" + token_id, nullptr, admin("450103")), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(call("DELETE", "/v1/tokens/" + token_id, nullptr, admin("450102")).status, 200);
  expect_problem(with_token("GET", "/v1/orgs/4501020001/pending", "", token), 401, "invalid_token");
  // Unsealing: a higher level only (and only what is sealed).
  expect_problem(call("POST", "/v1/accounts/reg.4501020001/unseal", nullptr, admin("4501020001")),
                 403, "out_of_jurisdiction");
  expect_problem(call("POST", "/v1/accounts/reg.4501020001/unseal", nullptr, admin("450102")), 409,
                 "not_sealed");

  // Every request is on the trail, refusals with their reason, and the
  // chain holds.
  const auto trail = audit_trail();
  EXPECT_FALSE(verify_chain(trail).has_value());
  bool refused_read = false, decided = false;
  for (const auto& e : trail) {
    if (e.action == "case.read" && e.account == reg("4501020002")) {
      refused_read =
          e.outcome == "out_of_jurisdiction" && e.org == "4501020002" && e.target == "case:" + id;
    }
    if (e.action == "case.decide" && e.account == reg("4501020001") && e.outcome == "ok") {
      decided = true;
    }
  }
  EXPECT_TRUE(refused_read);
  EXPECT_TRUE(decided);
}

// A decision and a withdrawal are checked by the case itself, on the state
// it decides on (CaseRequest::admit): a case never opened is refused as a
// read of it is, and its actor, loaded empty to be asked, leaves at once.
TEST_P(AccountsTest, ACaseNeverOpenedIsRefusedByItsOwnActorWhichLeaves) {
  const std::string c = "/v1/cases/C00000000000000ff";
  const auto read = call("GET", c, nullptr, reg("4501020001"));
  expect_problem(read, 404, "unknown_case");
  const auto decided =
      call("POST", c + "/decisions", {{"step", "sending_school"}, {"decision", "approve"}},
           reg("4501020001"));
  expect_problem(decided, 404, "unknown_case");
  EXPECT_EQ(decided.json()["detail"], read.json()["detail"]);
  expect_problem(call("POST", c + "/withdraw", json::object(), reg("4501020001")), 404,
                 "unknown_case");
  const RuntimeStats stats = engine_->stats();
  EXPECT_EQ(stats.cases.resident, 0u);
  EXPECT_EQ(stats.cases.passivated, 2u);
  // Refusals change nothing, and are on the trail with their reason.
  size_t refused = 0;
  for (const auto& e : audit_trail()) {
    refused += e.target == "case:C00000000000000ff" && e.outcome == "unknown_case" ? 1 : 0;
  }
  EXPECT_EQ(refused, 3u);
}

TEST_P(AccountsTest, AnAccountUnusedForSixMonthsIsSealedOnTheDay) {
  // The seal, not the password rule, is under test here.
  password_rotation_ = false;
  stop();
  url_ = fresh_database(GetParam());
  start(clock_);

  const std::string one = system_account("app.one", "4501020001", admin("450102"));
  const std::string two = system_account("app.two", "4501020001", admin("450102"));
  EXPECT_EQ(stored("app.one").seal_due, at("2026-03-27T00:00:00+08:00"));
  // 2025-12-01: app.two, the school's and the county's administrators are used.
  ASSERT_EQ(advance("2025-12-01T10:00:00+08:00").status, 200);
  EXPECT_EQ(with_token("GET", "/v1/orgs/4501020001/pending", "", two).status, 200);
  EXPECT_EQ(call("GET", "/v1/accounts/admin.4501020001", nullptr, admin("4501020001")).status, 200);
  EXPECT_EQ(call("GET", "/v1/accounts/admin.450102", nullptr, admin("450102")).status, 200);
  EXPECT_EQ(stored("app.two").seal_due, at("2026-06-02T00:00:00+08:00"));  // pushed back

  // The day before: nothing sealed yet.
  ASSERT_EQ(advance("2026-03-26T23:00:00+08:00").status, 200);
  EXPECT_FALSE(stored("app.one").account.sealed());
  // A restart, and every account actor passivated: the seal still comes.
  stop();
  start(clock_);
  engine_->sweep();
  engine_->sweep();
  EXPECT_EQ(engine_->stats().accounts.resident, 0u);
  ASSERT_EQ(advance("2026-03-27T00:00:00+08:00").status, 200);

  const auto sealed = stored("app.one");
  ASSERT_TRUE(sealed.account.sealed());
  EXPECT_EQ(*sealed.account.sealed_at, at("2026-03-27T00:00:00+08:00"));
  EXPECT_FALSE(sealed.seal_due.has_value());
  expect_problem(with_token("GET", "/v1/orgs/4501020001/pending", "", one), 403, "account_sealed");
  EXPECT_EQ(with_token("GET", "/v1/orgs/4501020001/pending", "", two).status, 200);
  // Never used at all: sealed too, so it cannot even sign in.
  expect_problem(sign_in(reg("4501020002")), 403, "account_sealed");
  // The seal is on the trail as the engine's own act, on the instant.
  bool on_trail = false;
  for (const auto& e : audit_trail()) {
    if (e.action == "account.seal" && e.target == "account:app.one") {
      on_trail = e.account == "xueji" && e.at == at("2026-03-27T00:00:00+08:00");
    }
  }
  EXPECT_TRUE(on_trail);

  // Unsealing: not by the same level, by the county above.
  expect_problem(call("POST", "/v1/accounts/app.one/unseal", nullptr, admin("4501020001")), 403,
                 "out_of_jurisdiction");
  auto unsealed = call("POST", "/v1/accounts/app.one/unseal", nullptr, admin("450102"));
  ASSERT_EQ(unsealed.status, 200) << unsealed.body;
  EXPECT_EQ(unsealed.json()["sealed"], false);
  EXPECT_EQ(unsealed.json()["seal_due"], "2026-09-28T00:00:00+08:00");
  EXPECT_EQ(with_token("GET", "/v1/orgs/4501020001/pending", "", one).status, 200);
  EXPECT_FALSE(verify_chain(audit_trail()).has_value());
}

TEST_P(AccountsTest, ThePasswordRuleOnSignIn) {
  expect_problem(sign_in(reg("4501020001"), "Wrong-Password-1"), 401, "bad_credentials");
  auto unknown = sign_in("nobody.here", "Wrong-Password-1");
  expect_problem(unknown, 401, "bad_credentials");
  // Weak passwords are refused by the org's province rule.
  expect_problem(call("POST", "/v1/accounts",
                      {{"name", "clerk.4501020001"},
                       {"org", "4501020001"},
                       {"role", "registrar"},
                       {"password", "short1A"}},
                      admin("450102")),
                 422, "weak_password");
  ASSERT_EQ(call("POST", "/v1/accounts",
                 {{"name", "clerk.4501020001"},
                  {"org", "4501020001"},
                  {"role", "registrar"},
                  {"password", "Clerk-Pass-2025"}},
                 admin("450102"))
                .status,
            201);
  EXPECT_EQ(sign_in("clerk.4501020001", "Clerk-Pass-2025").status, 201);
  // A system account does not sign in with a password.
  system_account("app.4501020001", "4501020001", admin("450102"));
  expect_problem(sign_in("app.4501020001", ""), 401, "bad_credentials");

  // 61 days on: Guangxi's 60-day rotation has run out, Guangdong's 90 not.
  ASSERT_EQ(advance("2025-11-26T09:00:00+08:00").status, 200);
  expect_problem(sign_in(reg("4501020001")), 403, "password_expired");
  EXPECT_EQ(sign_in(reg("4401030001")).status, 201);
  // Changing it: the old password is the proof; the rule applies.
  const std::string change = "/v1/accounts/reg.4501020001/password";
  expect_problem(
      call("POST", change,
           {{"old_password", "Not-The-Old-One-1"}, {"new_password", "Fresh-Pass-2025"}}, ""),
      401, "bad_credentials");
  expect_problem(
      call("POST", change, {{"old_password", store::kDemoPassword}, {"new_password", "weak"}}, ""),
      422, "weak_password");
  auto changed =
      call("POST", change,
           {{"old_password", store::kDemoPassword}, {"new_password", "Fresh-Pass-2025"}}, "");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["password_expires"], "2026-01-25");
  expect_problem(sign_in(reg("4501020001")), 401, "bad_credentials");
  // Signed in afresh, the account shows the new password's date, though
  // its use today was already seen before the change.
  auto again = sign_in(reg("4501020001"), "Fresh-Pass-2025");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["account"]["password_expires"], "2026-01-25") << again.body;
  // No password ever reaches the trail.
  for (const auto& e : audit_trail()) {
    for (const std::string* field : {&e.account, &e.target, &e.detail, &e.outcome}) {
      EXPECT_EQ(field->find("Fresh-Pass"), std::string::npos);
      EXPECT_EQ(field->find(store::kDemoPassword), std::string::npos);
    }
  }
}

TEST_P(AccountsTest, SecretsAreNeverKeptAsIdempotentAnswers) {
  // An answer holding a token is not recorded under its Idempotency-Key,
  // where it would sit in plain text: the retry runs again.
  ASSERT_EQ(call("POST", "/v1/accounts",
                 {{"name", "app.x"}, {"org", "450102"}, {"role", "registrar"}, {"kind", "system"}},
                 admin("450102"))
                .status,
            201);
  auto issue = [&] {
    return http_call(server_->port(), "POST", "/v1/accounts/app.x/tokens", "",
                     {{"Authorization", "Bearer " + tokens_.at(admin("450102"))},
                      {"Idempotency-Key", "issue-1"}});
  };
  auto first = issue();
  auto second = issue();
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_NE(first.json()["token"], second.json()["token"]);
  auto signed_in =
      http_call(server_->port(), "POST", "/v1/sessions",
                json{{"name", reg("450102")}, {"password", store::kDemoPassword}}.dump(),
                {{"Idempotency-Key", "login-1"}});
  ASSERT_EQ(signed_in.status, 201);
  auto s = TestStore::open(url_);
  EXPECT_EQ(*(*s)->count_rows("idempotency_keys"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
