#pragma once
// Runs build/xueji as a user would, capturing stdout, stderr and the exit
// status, so the command-line tests exercise the real binary.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace xueji::test {

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

inline CommandResult run_xueji(const std::vector<std::string>& args) {
  static int counter = 0;
  const std::string err_file =
      "/tmp/xueji-cli-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".err";
  std::string command = shell_quote(XUEJI_BINARY);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " 2>" + err_file;
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int raw = pclose(pipe);
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  result.err = text.str();
  std::remove(err_file.c_str());
  return result;
}

}  // namespace xueji::test
