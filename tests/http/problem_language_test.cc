// The registrars' language over real HTTP: problem titles and notice texts
// in Simplified Chinese by default, English for a caller that asks for it
// first, the same stable type in both.

#include <gtest/gtest.h>

#include "adapters/http/problem_language.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class ProblemLanguage : public ApiFixture {
 protected:
  HttpAnswer wrong_password(const std::map<std::string, std::string>& headers) {
    return http_call(server_->port(), "POST", "/v1/sessions",
                     json{{"name", "reg.4501020001"}, {"password", "not it"}}.dump(), headers);
  }
};

TEST_P(ProblemLanguage, TitlesAreChineseUnlessTheCallerAsksForEnglishFirst) {
  struct Case {
    const char* accept_language;
    const char* title;
  };
  for (const Case& c :
       {Case{nullptr, "账号或密码错误"}, Case{"zh-CN", "账号或密码错误"},
        Case{"zh-CN,zh;q=0.9,en;q=0.8", "账号或密码错误"}, Case{"en", "Wrong name or password"},
        Case{"en-US,en;q=0.9,zh;q=0.8", "Wrong name or password"},
        Case{"zh;q=0.5, en;q=0.7", "Wrong name or password"}, Case{"fr", "账号或密码错误"},
        Case{"*", "账号或密码错误"}}) {
    std::map<std::string, std::string> headers;
    if (c.accept_language != nullptr) headers["Accept-Language"] = c.accept_language;
    auto r = wrong_password(headers);
    SCOPED_TRACE(c.accept_language == nullptr ? "(none)" : c.accept_language);
    ASSERT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.json()["title"], c.title);
    EXPECT_EQ(r.json()["type"], "urn:xueji:problem:bad_credentials");
  }
}

TEST_P(ProblemLanguage, EveryCodeHasAChineseTitle) {
  for (const char* code :
       {"malformed_json", "missing_field", "invalid_field", "unknown_case", "unknown_org",
        "rule_refused", "wrong_party", "step_closed", "out_of_jurisdiction", "account_sealed",
        "password_expired", "token_expired", "store_unavailable", "headers_too_large",
        "invalid_limit", "invalid_cursor", "unsupported_media_type", "internal_error"}) {
    EXPECT_FALSE(http::chinese_title(code).empty()) << code;
  }
  auto unknown = call("GET", "/v1/cases/C0000000000000000", nullptr, reg("4501020001"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.json()["title"], "业务不存在");
}

TEST_P(ProblemLanguage, DetailsAreChineseUnlessTheCallerAsksForEnglishFirst) {
  const std::string id = open_transfer(register_student());
  const json approve = {{"step", "sending_school"}, {"decision", "approve"}};
  // The county is not the sending school's party (Art. 15).
  auto chinese = call("POST", "/v1/cases/" + id + "/decisions", approve, reg("450102"));
  ASSERT_EQ(chinese.status, 403) << chinese.body;
  EXPECT_EQ(chinese.json()["detail"], "兴宁区（450102） 的账号 reg.450102 无权办理业务 " + id +
                                          " 的「转出学校」环节：该环节由单位 "
                                          "南宁兴宁区第一小学（4501020001） 办理");
  auto english =
      http_call(server_->port(), "POST", "/v1/cases/" + id + "/decisions", approve.dump(),
                {{"Authorization", "Bearer " + tokens_[reg("450102")]}, {"Accept-Language", "en"}});
  ASSERT_EQ(english.status, 403) << english.body;
  EXPECT_EQ(english.json()["detail"],
            "account 'reg.450102' of org 450102 cannot decide step 'sending_school' of case " + id +
                ": it is assigned to org 4501020001");
  // Nothing changed by either refusal.
  auto read = call("GET", "/v1/cases/" + id, nullptr, reg("4501020001"));
  EXPECT_EQ(read.json()["steps"][0]["status"], "active");
}

TEST_P(ProblemLanguage, NoticesReadInChineseWithTheMeasuresTermsAndOrgNames) {
  const std::string id = open_transfer(register_student());
  auto advanced =
      call("POST", "/v1/clock/advance", {{"to", "2025-10-17T00:00:00+08:00"}}, admin("000000"));
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  auto inbox = call("GET", "/v1/orgs/450102/notices", nullptr, reg("450102"));
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  ASSERT_EQ(inbox.json()["notices"].size(), 1u);
  const std::string text = inbox.json()["notices"][0]["text"];
  EXPECT_NE(text.find("业务 " + id), std::string::npos) << text;
  EXPECT_NE(text.find("「转出学校」环节逾期未办理，已上报兴宁区"), std::string::npos) << text;
  EXPECT_NE(text.find("前办理"), std::string::npos) << text;

  auto token = sign_in("reg.450102").json().value("token", "");
  auto english = http_call(server_->port(), "GET", "/v1/orgs/450102/notices", "",
                           {{"Authorization", "Bearer " + token}, {"Accept-Language", "en"}});
  ASSERT_EQ(english.status, 200);
  EXPECT_NE(
      english.json()["notices"][0]["text"].get<std::string>().find("missed step sending_school"),
      std::string::npos)
      << english.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ProblemLanguage, ::testing::Values("sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
