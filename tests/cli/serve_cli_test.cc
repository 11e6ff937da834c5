// `xueji serve` as an operator runs it: it says where it listens, answers
// over HTTP, and on SIGTERM drains and exits with status 0. A store it cannot
// reach is one line on stderr and status 2.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "tests/cli/run_command.h"
#include "tests/http/http_client.h"

namespace xueji::test {
namespace {

TEST(ServeCli, ServesAndStopsCleanlyOnSigterm) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("xueji-serve-" + std::to_string(getpid()));
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
          "--clock", "simulated", "--start", "2025-09-26T09:00:00+08:00", nullptr);
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  const auto at = line.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << line;
  const int port = std::stoi(line.substr(at + 17));
  EXPECT_EQ(http_call(port, "GET", "/healthz").status, 200);
  auto registered =
      http_call(port, "POST", "/v1/students",
                R"({"id":"450102201309150019","name":"李小明","school":"4501020001","grade":5})");
  EXPECT_EQ(registered.status, 201) << registered.body;
  auto opened =
      http_call(port, "POST", "/v1/cases",
                R"({"kind":"transfer","student":"G450102201309150019","to_school":"4501030002"})");
  EXPECT_EQ(opened.status, 201) << opened.body;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(out[0]);
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
