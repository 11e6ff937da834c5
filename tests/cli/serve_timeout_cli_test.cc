// `xueji serve --header-timeout`: the real binary closes a client that sends
// part of its headers and then nothing, once its time is up, and serves
// others meanwhile (issue 18, defect 3).

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "tests/cli/serve_process.h"
#include "tests/http/raw_client.h"

namespace xueji::test {
namespace {

using namespace std::chrono_literals;

TEST(ServeTimeoutCli, AClientThatStopsInItsHeadersIsClosedWhenItsTimeIsUp) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xueji-serve-timeout-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = "sqlite:" + (dir / "x.db").string();
  auto server =
      ServeProcess::start({"--db", db, "--listen", "127.0.0.1:0", "--header-timeout", "1",
                           "--clock", "simulated", "--start", "2025-09-26T09:00:00+08:00"});
  const int port = server->port();
  ASSERT_NE(port, 0) << "the server stopped before listening";

  boost::asio::io_context io;
  std::vector<boost::asio::ip::tcp::socket> slow;
  const auto opened = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {  // twice the workers
    slow.push_back(raw_connect(io, port, 5s));
    boost::asio::write(slow.back(), boost::asio::buffer(std::string("GET /readyz HTTP/1.1\r\nHo")));
  }
  const auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(http_call(port, "GET", "/readyz").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 500ms);
  for (auto& socket : slow) {
    std::string got;
    EXPECT_TRUE(read_to_close(socket, got)) << "still open after 5 s";
  }
  const auto waited = std::chrono::steady_clock::now() - opened;
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 3s);

  EXPECT_EQ(server->stop(SIGTERM), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xueji::test
