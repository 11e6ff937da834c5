// docs/api/openapi.yaml's walkthrough, run request by request against a
// server on a simulated clock: the documentation cannot drift from the API.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "adapters/http/api.h"
#include "tests/engine/case_fixture.h"
#include "tests/http/http_client.h"
#include "tests/store/store_fixture.h"

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

TEST(OpenApi, TheWalkthroughRunsAsDocumented) {
  const YAML::Node doc = YAML::LoadFile(project_path("docs/api/openapi.yaml"));
  const YAML::Node steps = doc["x-xueji-walkthrough"];
  ASSERT_TRUE(steps.IsSequence());
  ASSERT_GE(steps.size(), 10u);

  const std::string url = fresh_database("sqlite");
  auto clock = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
  auto data = load_engine_data(EngineDataPaths::under(XUEJI_SOURCE_DIR), clock);
  ASSERT_TRUE(data.ok());
  auto engine = CaseEngine::start(EngineOptions{url, project_path("migrations")}, *data);
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  auto reads = store::Store::open(url);
  ASSERT_TRUE((*reads)->seed_orgs((*data)->orgs).ok());
  http::Api api(**engine, std::move(*reads), clock);
  auto server = http::HttpServer::start("127.0.0.1", 0,
                                        [&](const http::Request& r) { return api.handle(r); });
  ASSERT_TRUE(server.ok());

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
    const std::string body = step["body"] ? to_json(step["body"]).dump() : "";
    const auto answer = http_call((*server)->port(), method, path, body);
    ASSERT_EQ(answer.status, step["status"].as<int>())
        << method << " " << path << ": " << answer.body;
    if (step["remember"]) {
      remembered[step["remember"].as<std::string>()] = answer.json().value("id", "");
    }
  }
  EXPECT_FALSE(remembered["case"].empty());
}

}  // namespace
}  // namespace xueji::test
