// `xueji serve --header-timeout`: the real binary closes a client that sends
// part of its headers and then nothing, once its time is up, and serves
// others meanwhile (issue 18, defect 3).

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "tests/http/raw_client.h"

namespace xueji::test {
namespace {

using namespace std::chrono_literals;

TEST(ServeTimeoutCli, AClientThatStopsInItsHeadersIsClosedWhenItsTimeIsUp) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xueji-serve-timeout-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const std::string db = "sqlite:" + (dir / "x.db").string();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(XUEJI_BINARY, XUEJI_BINARY, "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0",
          "--header-timeout", "1", "--clock", "simulated", "--start", "2025-09-26T09:00:00+08:00",
          nullptr);
    _exit(127);
  }
  close(out[1]);
  struct Reaper {  // a stray server would hold ctest
    pid_t pid;
    ~Reaper() {
      if (pid > 0) kill(pid, SIGKILL);
    }
  } reaper{pid};
  std::string line;
  char c;
  for (int lines = 0; lines < 3 && line.find("listening") == std::string::npos; ++lines) {
    line.clear();
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  }
  const auto at = line.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << line;
  const int port = std::stoi(line.substr(at + 17));

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

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  reaper.pid = 0;
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(out[0]);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xueji::test
