// Issue 17: the requests Api::never_waits lets run on the I/O worker that
// read them (ServerOptions::never_waits): a decision or a withdrawal whose
// caller is known from memory, and none that would read the store or ask
// an account's actor first. The fixture's server runs them so, as `xueji
// serve` does, so every decision of the HTTP tests takes that path.

#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

class NeverWaits : public ApiFixture {
 protected:
  static http::Request request(const std::string& method, const std::string& target,
                               const std::string& token,
                               std::map<std::string, std::string> headers = {}) {
    http::Request r;
    r.method = method;
    r.target = target;
    r.headers = std::move(headers);
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    r.body = "{}";
    return r;
  }
};

TEST_P(NeverWaits, OnlyACommandForTheEngineWhoseCallerIsKnownFromMemory) {
  // Late in the day: the tokens (eight hours) outlive midnight.
  clock_->set(at("2025-09-26T23:00:00+08:00"));
  const std::string id = open_transfer(register_student());
  ASSERT_FALSE(id.empty());
  // Kept once used: the token's record, and its account's use today.
  const std::string token = tokens_[reg("4501020001")];
  ASSERT_FALSE(token.empty());
  const std::string decisions = "/v1/cases/" + id + "/decisions";
  EXPECT_TRUE(api_->never_waits(request("POST", decisions, token)));
  EXPECT_TRUE(api_->never_waits(request("POST", "/v1/cases/" + id + "/withdraw", token)));
  // Refused at once, from the header alone.
  EXPECT_TRUE(api_->never_waits(request("POST", decisions, "")));

  // An opening reads the student first; a case's read reads the case.
  EXPECT_FALSE(api_->never_waits(request("POST", "/v1/cases", token)));
  EXPECT_FALSE(api_->never_waits(request("GET", "/v1/cases/" + id, token)));
  EXPECT_FALSE(api_->never_waits(request("GET", "/v1/nowhere", token)));
  // A keyed request reads its key's record first.
  EXPECT_FALSE(
      api_->never_waits(request("POST", decisions, token, {{"idempotency-key", "k-never-1"}})));

  // A token this server has not yet read is read from the store.
  auto signed_in = sign_in(reg("450102"));
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string county = signed_in.json().value("token", "");
  EXPECT_FALSE(api_->never_waits(request("POST", decisions, county)));
  // Once a request has read it, it is kept, and the decision runs where
  // it was read: answered, with its audit entry.
  ASSERT_EQ(with_token("GET", "/v1/cases/" + id, "", county).status, 200);
  EXPECT_TRUE(api_->never_waits(request("POST", decisions, county)));
  auto approved = call("POST", decisions,
                       {{"step", "sending_school"}, {"decision", "approve"}, {"by", "4501020001"}},
                       reg("4501020001"));
  ASSERT_EQ(approved.status, 200) << approved.body;
  bool recorded = false;
  for (const auto& e : audit_trail()) {
    recorded = recorded || (e.action == "case.decide" && e.target == "case:" + id &&
                            e.account == reg("4501020001") && e.outcome == "ok");
  }
  EXPECT_TRUE(recorded);

  // Art. 24: the next day's first use is recorded by the account's actor.
  clock_->set(at("2025-09-27T00:30:00+08:00"));
  EXPECT_FALSE(api_->never_waits(request("POST", decisions, token)));
  // An expired token is refused from memory.
  clock_->set(at("2025-09-27T08:00:00+08:00"));
  EXPECT_TRUE(api_->never_waits(request("POST", decisions, token)));
}

INSTANTIATE_TEST_SUITE_P(Backends, NeverWaits, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
