// `xueji serve`'s log: every line it writes on stderr is one JSON object
// with ts, level and msg; each request leaves a line with its method,
// route, status, time and request id, the id the answer carried in
// X-Request-Id, so an operator finds the line a caller quotes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "tests/cli/run_command.h"
#include "tests/cli/serve_process.h"
#include "tests/http/http_client.h"

namespace xueji::test {
namespace {

TEST(ServeLogCli, EveryLineIsJsonAndARefusalNamesTheAnswersRequestId) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xueji-serve-log-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = "sqlite:" + (dir / "x.db").string();
  const std::string err_path = (dir / "stderr").string();
  auto server = ServeProcess::start({"--db", db, "--listen", "127.0.0.1:0", "--clock", "simulated",
                                     "--start", "2025-09-26T09:00:00+08:00"},
                                    err_path);
  const int port = server->port();
  ASSERT_NE(port, 0) << "the server stopped before listening";
  EXPECT_EQ(http_call(port, "GET", "/healthz").status, 200);
  // Refused (no token), with an id the server made.
  auto refused = http_call(port, "GET", "/v1/cases/C-nothing");
  EXPECT_EQ(refused.status, 401);
  ASSERT_FALSE(refused.request_id.empty());
  // A caller's own id is kept.
  auto unknown = http_call(port, "GET", "/v1/nothing-here", "", {{"X-Request-Id", "caller-id-1"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.request_id, "caller-id-1");
  EXPECT_EQ(server->stop(SIGTERM), 0);

  std::ifstream err(err_path);
  std::string text;
  int lines = 0;
  bool refusal_logged = false, caller_logged = false, stopped = false;
  while (std::getline(err, text)) {
    ++lines;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    ASSERT_TRUE(j.is_object()) << "not one JSON object: " << text;
    EXPECT_TRUE(j.contains("ts") && j.contains("level") && j.contains("msg")) << text;
    EXPECT_EQ(j.value("ts", "").back(), 'Z') << text;  // UTC
    if (j.value("msg", "") == "request" && j.value("status", 0) == 401) {
      EXPECT_EQ(j.value("request_id", ""), refused.request_id) << text;
      EXPECT_EQ(j.value("route", ""), "case.read") << text;
      EXPECT_EQ(j.value("method", ""), "GET") << text;
      EXPECT_TRUE(j.contains("ms")) << text;
      refusal_logged = true;
    }
    if (j.value("request_id", "") == "caller-id-1") caller_logged = true;
    if (j.value("msg", "") == "stopped") stopped = true;
  }
  EXPECT_GE(lines, 4);
  EXPECT_TRUE(refusal_logged);
  EXPECT_TRUE(caller_logged);
  EXPECT_TRUE(stopped);
  std::filesystem::remove_all(dir);
}

// A webhook's entry is a URL or {url, secret}; anything else, or a secret
// too short to resist guessing, is refused at start, naming the org.
TEST(ServeLogCli, ABadWebhookEntryIsRefusedNamingTheOrg) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("xueji-hooks-" + std::to_string(getpid()) + ".yaml");
  auto refused = [&](const std::string& hooks) {
    std::ofstream(path) << "webhooks:\n" << hooks;
    return run_xueji({"serve", "--config", path.string(), "--listen", "127.0.0.1:0"});
  };
  auto short_secret = refused("  \"450102\": {url: http://127.0.0.1:9/h, secret: abc}\n");
  EXPECT_EQ(short_secret.status, 2);
  EXPECT_NE(short_secret.err.find("webhook of 450102: secret must be at least 16"),
            std::string::npos)
      << short_secret.err;
  auto unknown = refused("  \"450102\": {url: http://127.0.0.1:9/h, sekret: abcdefghijklmnopq}\n");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("unknown key 'sekret'"), std::string::npos) << unknown.err;
  auto no_url = refused("  \"450102\": {secret: abcdefghijklmnopq}\n");
  EXPECT_EQ(no_url.status, 2);
  EXPECT_NE(no_url.err.find("a URL, or {url, secret}"), std::string::npos) << no_url.err;
  std::filesystem::remove(path);
}

// The server's concurrency is configuration within bounds: none at all, or
// more threads than a machine should run, a yes-or-no that is neither, or
// an interval below none or above a day, is refused at start, naming it.
TEST(ServeLogCli, ThreadsAndConnectionsAreBounded) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("xueji-threads-" + std::to_string(getpid()) + ".yaml");
  const std::pair<std::string, std::string> refusals[] = {
      {"handler_threads: 0", "handler_threads must be a whole number from 1 to 256"},
      {"read_connections: 257", "read_connections must be a whole number from 1 to 256"},
      {"long_threads: 65", "long_threads must be a whole number from 1 to 64"},
      {"engine_threads: 257", "engine_threads must be a whole number from 0 to 256"},
      {"engine_polls: sometimes", ":1: bad conversion"},
      {"writer_connections: 0", "writer_connections must be a whole number from 1 to 16"},
      {"archive_sweep_seconds: -5", "archive_sweep_seconds must be a whole number from 0 to 86400"},
      {"idempotency_keep_days: -1", "idempotency_keep_days must be a whole number from 0 to 36500"},
      {"token_keep_days: forty", "token_keep_days must be a whole number from 0 to 36500"}};
  for (const auto& [line, reason] : refusals) {
    std::ofstream(path) << line << "\n";
    auto refused = run_xueji({"serve", "--config", path.string(), "--listen", "127.0.0.1:0"});
    EXPECT_EQ(refused.status, 2) << line;
    EXPECT_NE(refused.err.find(reason), std::string::npos) << refused.err;
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace xueji::test
