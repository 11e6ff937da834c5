// Issue 17: the requests Api::never_waits lets run on the I/O worker that
// read them (ServerOptions::never_waits): an opening, a decision or a
// withdrawal whose caller is known from memory, and none that would read
// the store on that thread or ask an account's actor first. The fixture's server runs them so, as
// `xueji serve` does, so every decision of the HTTP tests takes that path.

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <vector>

#include "tests/http/api_fixture.h"
#include "tests/store/pool_holder.h"

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

  // An opening's reads go elsewhere (see below); a case's read reads the case.
  EXPECT_TRUE(api_->never_waits(request("POST", "/v1/cases", token)));
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

// An opening runs where it was read, but its student's record is read on
// a follow-up thread (StudentLookups::find_async): with one I/O worker and
// every read connection of the routes held, a decision sent while an
// opening waits for a connection is read and answered first. The opening
// is answered once a connection is free, its entry on the audit trail.
TEST_P(NeverWaits, AnOpeningWaitingForItsStudentHoldsNotTheThreadThatReadIt) {
  io_threads_ = 1;
  stop();
  start(clock_);
  const std::string id = open_transfer(register_student());
  ASSERT_FALSE(id.empty());
  auto other =
      call("POST", "/v1/students",
           {{"id", "450102201405050018"}, {"name", "王五"}, {"school", "4501020001"}, {"grade", 3}},
           reg("4501020001"));
  ASSERT_EQ(other.status, 201) << other.body;
  const std::string student = other.json().value("registration_number", "");
  // Both tokens kept, and both accounts' use settled for today.
  const std::string receiving = tokens_[reg("4501030002")];
  const std::string sending = tokens_[reg("4501020001")];
  ASSERT_TRUE(api_->never_waits(request("POST", "/v1/cases", receiving)));
  ASSERT_TRUE(api_->never_waits(request("POST", "/v1/cases/" + id + "/decisions", sending)));

  std::vector<std::unique_ptr<Holder>> held;
  for (int i = 0; i < 4; ++i) {  // the fixture's four read connections
    held.push_back(std::make_unique<Holder>(*read_pool_));
  }
  const std::string opening_body = nlohmann::json{
      {"kind", "transfer"},
      {"student", student},
      {"to_school", "4501030002"}}.dump();
  auto opening = std::async(
      std::launch::async, [&] { return with_token("POST", "/v1/cases", opening_body, receiving); });
  await_waiting(*read_pool_, 1);  // the opening's lookup, on a follow-up thread
  const HttpAnswer decided = with_token(
      "POST", "/v1/cases/" + id + "/decisions",
      nlohmann::json{{"step", "sending_school"}, {"decision", "approve"}, {"by", "4501020001"}}
          .dump(),
      sending);
  EXPECT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(opening.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  for (auto& h : held) h->release();
  const HttpAnswer opened = opening.get();
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string opened_id = opened.json().value("id", "");
  EXPECT_EQ(opened.json()["subject"], student) << opened.body;
  bool recorded = false;
  for (const auto& e : audit_trail()) {
    recorded = recorded || (e.action == "case.open" && e.target == "case:" + opened_id &&
                            e.account == reg("4501030002") && e.outcome == "ok");
  }
  EXPECT_TRUE(recorded);
}

// An opening whose reads all go to a follow-up thread (a child's, by
// resident ID) is answered as one on a handler worker would be: its
// refusal names what is wrong.
TEST_P(NeverWaits, AChildsOpeningReadsOnAFollowUpThread) {
  const std::string student = register_student();
  ASSERT_FALSE(student.empty());
  ASSERT_TRUE(api_->never_waits(request("POST", "/v1/cases", tokens_[reg("4501020001")])));
  auto refused = call("POST", "/v1/cases",
                      {{"kind", "deferral"},
                       {"child", "450102201309150019"},
                       {"by", "guardian"},
                       {"household_county", "450102"}},
                      reg("4501020001"));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find(student), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("rule_refused"), std::string::npos) << refused.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, NeverWaits, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
