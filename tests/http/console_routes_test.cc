// The console's routes over real HTTP: its page and files served open and
// only from its own directory, and the org summary it shows names from.

#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class ConsoleRoutes : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    api_->set_console(std::string(XUEJI_SOURCE_DIR) + "/console");
  }
};

TEST_P(ConsoleRoutes, ThePageAndItsFilesAreServedWithoutAToken) {
  auto page = http_call(server_->port(), "GET", "/", "");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("学籍业务办理"), std::string::npos);
  auto script = http_call(server_->port(), "GET", "/console/console.js", "");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(script.body.find("/v1/sessions"), std::string::npos);
}

TEST_P(ConsoleRoutes, NothingOutsideTheConsoleIsServed) {
  for (const char* target :
       {"/console/..%2Fconfig%2Fxueji.yaml", "/console/../README.md", "/console/xueji.yaml",
        "/console/missing.js", "/console/", "/console/.js", "/console/index.html/x"}) {
    auto r = http_call(server_->port(), "GET", target, "");
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body.find("db:"), std::string::npos) << target;
  }
}

TEST_P(ConsoleRoutes, AnOrgSummaryNamesTheOrgAndItsSuperior) {
  auto school = call("GET", "/v1/orgs/4501020001", nullptr, reg("4501030002"));
  ASSERT_EQ(school.status, 200) << school.body;
  EXPECT_EQ(school.json()["name"], "南宁兴宁区第一小学");
  EXPECT_EQ(school.json()["level"], "school");
  EXPECT_EQ(school.json()["parent"], "450102");
  EXPECT_EQ(school.json()["parent_name"], "兴宁区");
  EXPECT_EQ(school.json()["type"], "primary");
  auto unknown = call("GET", "/v1/orgs/999999", nullptr, reg("4501030002"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.json()["type"], "urn:xueji:problem:unknown_org");
  auto anonymous = http_call(server_->port(), "GET", "/v1/orgs/4501020001", "");
  EXPECT_EQ(anonymous.status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleRoutes, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
