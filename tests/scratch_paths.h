#pragma once
// Files and directories a test program makes under the temporary directory,
// removed when the program exits. Before this, every run left its SQLite
// databases behind: a developer's /tmp held 5,612 of them (2 GB) after a few
// dozen runs of the suite. A program that crashes keeps its own, which
// helps to see what it left; the next runs do not add to them.

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <system_error>
#include <vector>

namespace xueji::test {

// Removes `path` (recursively, if a directory) when this process exits
// normally. Only the process that asked removes it: a child forked by a
// test exits without touching its parent's files.
inline void remove_at_exit(const std::filesystem::path& path) {
  struct Scratch {
    std::mutex mutex;
    pid_t owner = getpid();
    std::vector<std::filesystem::path> paths;
    ~Scratch() {
      if (getpid() != owner) return;
      std::error_code ignored;  // a path already gone is what was wanted
      for (const auto& each : paths) std::filesystem::remove_all(each, ignored);
    }
  };
  static Scratch scratch;
  std::lock_guard<std::mutex> lock(scratch.mutex);
  scratch.paths.push_back(path);
}

}  // namespace xueji::test
