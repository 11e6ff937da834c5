#pragma once
// `xueji serve` as a child process, started as an operator starts it, for
// the tests that need the real binary: its log, its exit on a signal, its
// timeouts, a sweep beside another command. The server goes with the
// object (SIGKILL) whatever fails, so a stray one never holds ctest.
// XUEJI_BINARY is the build's xueji (each test program defines it).

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace xueji::test {

class ServeProcess {
 public:
  // Runs `xueji serve ARGS`, its stderr into `err_path` (empty: this
  // process's), and reads its stdout up to the line that says where it
  // listens. port() is 0 when it stopped (or said something else) first.
  static std::unique_ptr<ServeProcess> start(const std::vector<std::string>& args,
                                             const std::string& err_path = "") {
    std::unique_ptr<ServeProcess> p(new ServeProcess());
    int out[2];
    if (pipe(out) != 0) return p;
    p->pid_ = fork();
    if (p->pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      if (!err_path.empty()) {
        FILE* err = std::fopen(err_path.c_str(), "w");
        if (err != nullptr) dup2(fileno(err), 2);
      }
      std::vector<std::string> all = {XUEJI_BINARY, "serve"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(XUEJI_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    p->out_ = out[0];
    for (;;) {
      std::string line;
      char c;
      ssize_t n = 0;
      while ((n = read(p->out_, &c, 1)) == 1 && c != '\n') line += c;
      const auto at = line.find("listening on http://127.0.0.1:");
      if (at != std::string::npos) {
        p->port_ = std::stoi(line.substr(at + 30));
        break;
      }
      p->before_.push_back(line);
      if (n != 1) break;  // stopped before listening
    }
    return p;
  }

  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) close(out_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  // What it printed on stdout before the line saying where it listens.
  const std::vector<std::string>& before() const { return before_; }

  // Sends `signal` and waits for the exit: its status, or -1 when it did
  // not exit by itself (a signal ended it).
  int stop(int signal = SIGTERM) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    int status = 0;
    const pid_t waited = waitpid(pid_, &status, 0);
    pid_ = 0;
    return waited > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  ServeProcess() = default;
  pid_t pid_ = 0;
  int out_ = -1;
  int port_ = 0;
  std::vector<std::string> before_;
};

}  // namespace xueji::test
