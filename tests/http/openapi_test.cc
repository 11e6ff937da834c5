// docs/api/openapi.yaml's walkthrough, run request by request against a
// server on a simulated clock: the documentation cannot drift from the API.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

nlohmann::json to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& e : node) out[e.first.as<std::string>()] = to_json(e.second);
    return out;
  }
  if (node.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : node) out.push_back(to_json(e));
    return out;
  }
  const std::string text = node.Scalar();
  const bool integer = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos &&
                       node.Tag() != "!";
  return integer ? nlohmann::json(std::stoll(text)) : nlohmann::json(text);
}

class OpenApi : public ApiFixture {};

TEST_P(OpenApi, TheWalkthroughRunsAsDocumented) {
  const YAML::Node doc = YAML::LoadFile(project_path("docs/api/openapi.yaml"));
  const YAML::Node steps = doc["x-xueji-walkthrough"];
  ASSERT_TRUE(steps.IsSequence());
  ASSERT_GE(steps.size(), 20u);

  std::map<std::string, std::string> remembered;
  for (const auto& step : steps) {
    std::string path = step["path"].as<std::string>();
    for (const auto& [name, value] : remembered) {
      const std::string token = "{" + name + "}";
      for (auto at = path.find(token); at != std::string::npos; at = path.find(token)) {
        path.replace(at, token.size(), value);
      }
    }
    const std::string method = step["method"].as<std::string>();
    const nlohmann::json body = step["body"] ? to_json(step["body"]) : nlohmann::json();
    const std::string as = step["as"] ? step["as"].as<std::string>() : "";
    const auto answer = call(method, path, body, as);
    ASSERT_EQ(answer.status, step["status"].as<int>())
        << method << " " << path << " as " << as << ": " << answer.body;
    if (step["remember"]) {
      remembered[step["remember"].as<std::string>()] = answer.json().value("id", "");
    }
  }
  EXPECT_FALSE(remembered["case"].empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, OpenApi, ::testing::Values("sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
