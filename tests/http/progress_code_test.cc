// The parents' progress code over HTTP, on PostgreSQL and SQLite (Art. 15):
// an opened case answers its code; the code reads, without an account,
// exactly what the case's progress route reads and nothing else; a wrong
// or malformed code is the same 404; an Idempotency-Key retry answers the
// same code; the code reads after a restart; the trail records the case it
// opened, never the code, and the store keeps only its hash.

#include <soci/soci.h>

#include "adapters/store/database.h"
#include "engine/core/sha256.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class ProgressCode : public ApiFixture {
 protected:
  // The transfer of 李小明 opened by the receiving school: {id, code}.
  std::pair<std::string, std::string> open_with_code() {
    const std::string student = register_student();
    auto r = call("POST", "/v1/cases",
                  {{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}},
                  reg("4501030002"));
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json().value("id", ""), r.json().value("progress_code", "")};
  }

  HttpAnswer anonymous(const std::string& target) { return call("GET", target, nullptr, ""); }
};

TEST_P(ProgressCode, TheCodeReadsWhatTheCasesProgressRouteReads) {
  auto [id, code] = open_with_code();
  ASSERT_EQ(code.size(), 16u) << code;
  EXPECT_EQ(code.find_first_not_of("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"), std::string::npos);

  auto by_code = anonymous("/v1/progress/" + code);
  ASSERT_EQ(by_code.status, 200) << by_code.body;
  auto by_account = call("GET", "/v1/cases/" + id + "/progress", nullptr, reg("4501030002"));
  ASSERT_EQ(by_account.status, 200) << by_account.body;
  EXPECT_EQ(by_code.json(), by_account.json());
  const json p = by_code.json();
  EXPECT_EQ(p["case"], id);
  EXPECT_EQ(p["student"], "李**");  // masked
  EXPECT_EQ(p["now"]["org"], "4501020001");
  EXPECT_EQ(p["now"]["until"], "2025-10-16");
  EXPECT_FALSE(p["history"].empty());
  // Nothing personal beyond the masked name (Art. 15).
  EXPECT_EQ(by_code.body.find("450102201309150019"), std::string::npos);
  EXPECT_EQ(by_code.body.find("李小明"), std::string::npos);

  // Typed as people type it: lower case, grouped.
  std::string typed;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) typed += '-';
    typed += static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
  }
  EXPECT_EQ(anonymous("/v1/progress/" + typed).status, 200);
}

TEST_P(ProgressCode, AWrongOrMalformedCodeIsTheSame404) {
  auto [id, code] = open_with_code();
  std::string wrong = code;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {wrong, std::string("TOO-SHORT"), std::string("0000000000000000"), id, code + "A"}) {
    auto r = anonymous("/v1/progress/" + bad);
    expect_problem(r, 404, "not_found");
    // No hint whether the code was malformed or merely unknown.
    EXPECT_EQ(r.json().value("detail", ""), "没有业务使用该进度查询码") << bad;
  }
}

TEST_P(ProgressCode, TheCodeReadsNothingElse) {
  auto [id, code] = open_with_code();
  // Not a bearer token: the case, its progress and the org's inbox refuse it.
  const std::vector<std::string> targets = {"/v1/cases/" + id, "/v1/cases/" + id + "/progress",
                                            "/v1/orgs/450102/pending",
                                            "/v1/students/G450102201309150019"};
  for (const std::string& target : targets) {
    auto r = with_token("GET", target, "", code);
    EXPECT_EQ(r.status, 401) << target << " " << r.body;
    EXPECT_EQ(anonymous(target).status, 401) << target;
  }
  // Nor a case id's stand-in on the case's routes.
  EXPECT_EQ(call("GET", "/v1/cases/" + code, nullptr, reg("4501030002")).status, 404);
}

TEST_P(ProgressCode, ARetryWithTheSameKeyAnswersTheSameCode) {
  const std::string student = register_student();
  ASSERT_EQ(sign_in(reg("4501030002")).status, 201);
  const std::string token = sign_in(reg("4501030002")).json().value("token", "");
  const std::string body =
      json{{"kind", "transfer"}, {"student", student}, {"to_school", "4501030002"}}.dump();
  const std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + token},
                                                      {"Idempotency-Key", "open-once"}};
  auto first = http_call(server_->port(), "POST", "/v1/cases", body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = http_call(server_->port(), "POST", "/v1/cases", body, headers);
  ASSERT_EQ(again.status, 201) << again.body;
  const std::string code = first.json().value("progress_code", "");
  EXPECT_EQ(code.size(), 16u);
  EXPECT_EQ(again.json().value("progress_code", ""), code);
  EXPECT_EQ(again.json().value("id", ""), first.json().value("id", ""));
  EXPECT_EQ(anonymous("/v1/progress/" + code).status, 200);
}

TEST_P(ProgressCode, TheCodeSurvivesARestartAndOnlyItsHashIsStored) {
  auto [id, code] = open_with_code();
  stop();
  start(clock_);
  auto r = anonymous("/v1/progress/" + code);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["case"], id);

  auto db = store::Connection::open(url_);
  ASSERT_TRUE(db.ok()) << db.error().message;
  std::string stored_hash, stored_case;
  (*db)->sql() << "SELECT code_hash, case_id FROM progress_codes", soci::into(stored_hash),
      soci::into(stored_case);
  EXPECT_EQ(stored_case, id);
  EXPECT_EQ(stored_hash, sha256_hex(code));
}

TEST_P(ProgressCode, TheTrailNamesTheCaseNeverTheCode) {
  auto [id, code] = open_with_code();
  ASSERT_EQ(anonymous("/v1/progress/" + code).status, 200);
  ASSERT_EQ(anonymous("/v1/progress/ZZZZZZZZZZZZZZZZ").status, 404);
  bool read = false, refused = false;
  for (const auto& e : audit_trail()) {
    EXPECT_EQ(e.target.find(code), std::string::npos) << e.action << " " << e.target;
    if (e.action != "case.progress" || e.account != "-") continue;
    if (e.target == "case:" + id && e.outcome == "ok") read = true;
    if (e.target == "progress:unknown" && e.outcome == "not_found") refused = true;
  }
  EXPECT_TRUE(read);
  EXPECT_TRUE(refused);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgressCode, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
