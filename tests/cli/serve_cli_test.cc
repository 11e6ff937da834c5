// `xueji serve` as an operator runs it: it says where it listens, answers
// over HTTP, and on SIGTERM drains and exits with status 0. A store it cannot
// reach is one line on stderr and status 2.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/cli/run_command.h"
#include "tests/cli/serve_process.h"
#include "tests/http/http_client.h"

namespace xueji::test {
namespace {

TEST(ServeCli, ServesAndStopsCleanlyOnSigterm) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xueji-serve-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = "sqlite:" + (dir / "x.db").string();
  auto server = ServeProcess::start({"--db", db, "--listen", "127.0.0.1:0", "--clock", "simulated",
                                     "--start", "2025-09-26T09:00:00+08:00"});
  const int port = server->port();
  ASSERT_NE(port, 0) << "the server stopped before listening";
  // The demo configuration seeds its accounts first, then listens.
  ASSERT_EQ(server->before().size(), 1u);
  EXPECT_NE(server->before()[0].find("seeded 130 demo accounts"), std::string::npos)
      << server->before()[0];
  EXPECT_EQ(http_call(port, "GET", "/healthz").status, 200);
  // Without a token: refused, and nothing registered.
  EXPECT_EQ(
      http_call(port, "POST", "/v1/students",
                R"({"id":"450102201309150019","name":"李小明","school":"4501020001","grade":5})")
          .status,
      401);
  auto login = [&](const std::string& name) {
    auto r = http_call(port, "POST", "/v1/sessions",
                       R"({"name":")" + name + R"(","password":"Xueji-Demo-2025"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::map<std::string, std::string>{
        {"Authorization", "Bearer " + r.json().value("token", "")}};
  };
  auto registered =
      http_call(port, "POST", "/v1/students",
                R"({"id":"450102201309150019","name":"李小明","school":"4501020001","grade":5})",
                login("reg.4501020001"));
  EXPECT_EQ(registered.status, 201) << registered.body;
  auto opened =
      http_call(port, "POST", "/v1/cases",
                R"({"kind":"transfer","student":"G450102201309150019","to_school":"4501030002"})",
                login("reg.4501030002"));
  EXPECT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(server->stop(SIGTERM), 0);
  std::filesystem::remove_all(dir);
}

TEST(ServeCli, AnUnreachableStoreIsOneLineAndStatusTwo) {
  auto r = run_xueji(
      {"serve", "--db", "postgresql://xueji@127.0.0.1:1/xueji", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("cannot open the store"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace xueji::test
