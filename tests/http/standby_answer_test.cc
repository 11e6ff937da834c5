// What a hot standby pair's server that does not run the engine answers
// (standby_answer.h), in the caller's language like every problem. The
// pair itself, over real HTTP with two servers, is tests/faults/standby_test.py.

#include "adapters/http/standby_answer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace xueji::http {
namespace {

using nlohmann::json;

Request post(const std::string& accept_language) {
  Request r{"POST", "/v1/students", {}, "{}", "127.0.0.1", ""};
  if (!accept_language.empty()) r.headers["accept-language"] = accept_language;
  return r;
}

TEST(StandbyAnswer, ChineseByDefaultNamingTheActiveServer) {
  const Response r = standby_answer(post(""), "standby", "http://10.0.0.1:8080", 5);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(r.headers.at("Content-Language"), "zh-CN");
  EXPECT_EQ(r.headers.at("Retry-After"), "5");
  const json body = json::parse(r.body);
  EXPECT_EQ(body["type"], "urn:xueji:problem:standby");
  EXPECT_EQ(body["title"], "备用服务器");
  EXPECT_EQ(body["detail"], "本服务器为备用服务器，当前主服务器为 http://10.0.0.1:8080");
  EXPECT_EQ(body["reason"], "standby");
  EXPECT_EQ(body["active"], "http://10.0.0.1:8080");
}

TEST(StandbyAnswer, EnglishWhenTheCallerAsksForItFirst) {
  const Response r =
      standby_answer(post("en-US,en;q=0.9"), "lease_lost", "http://10.0.0.2:8080", 5);
  EXPECT_EQ(r.headers.at("Content-Language"), "en");
  const json body = json::parse(r.body);
  EXPECT_EQ(body["title"], "Engine lease lost");
  EXPECT_EQ(body["detail"],
            "this server lost the engine lease and commits nothing more: the active server is "
            "http://10.0.0.2:8080");
}

TEST(StandbyAnswer, NoActiveServerDuringATakeover) {
  const json lost = json::parse(standby_answer(post(""), "lease_lost", "", 5).body);
  EXPECT_EQ(lost["detail"],
            "本服务器已失去引擎租约，不再提交任何变更；尚无服务器持有引擎租约（正在接管）");
  EXPECT_EQ(lost["active"], "");
  const json taking = json::parse(standby_answer(post(""), "taking_over", "", 5).body);
  EXPECT_EQ(taking["title"], "正在接管");
  EXPECT_EQ(taking["detail"], "本服务器已取得引擎租约，正在加载引擎，请稍后重试");
}

TEST(StandbyAnswer, HealthzAnswersTheProcessIsUpWithItsRole) {
  const Response r =
      standby_answer(Request{"GET", "/healthz", {}, "", "127.0.0.1", ""}, "standby", "x", 5);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), (json{{"status", "ok"}, {"role", "standby"}}));
}

// So that an alert can ask that exactly one server of the pair be active.
TEST(StandbyAnswer, MetricsSayTheEngineIsNotActiveHereAndWhy) {
  const Response r =
      standby_answer(Request{"GET", "/metrics", {}, "", "127.0.0.1", ""}, "lease_lost", "x", 5);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4");
  EXPECT_NE(r.body.find("\nxueji_engine_active 0\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\nxueji_engine_inactive_reason{reason=\"lease_lost\"} 1\n"),
            std::string::npos)
      << r.body;
  // Only GET: anything else is the standby's 503.
  EXPECT_EQ(standby_answer(Request{"POST", "/metrics", {}, "", "", ""}, "standby", "x", 5).status,
            503);
}

}  // namespace
}  // namespace xueji::http
