#pragma once
// Whether the engine's own actors (the writer, the scheduler, the case and
// account directories, the gateway) still run. One of them that stops
// while the runtime runs (an exception out of its handler: a fault of the
// code) leaves every request behind it refused or unanswered, and nothing
// restarts it: the server must say it is not ready (GET /readyz 503), so
// that a load balancer or a supervisor acts, rather than answer
// engine_unavailable behind a ready probe. A record's own actor that
// fails is not this: its directory drops it and goes on (directory.h).

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

namespace xueji {

class EngineHealth {
 public:
  // `actor` stopped for `why`; the first such is kept.
  void stopped(const std::string& actor, const std::string& why) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!first_.empty()) return;
    first_ = "the engine's " + actor + " stopped: " + why;
    down_ = true;
  }
  // Which stopped first and why; none while every one runs.
  std::optional<std::string> down() const {
    if (!down_.load()) return std::nullopt;
    std::lock_guard<std::mutex> lock(mutex_);
    return first_;
  }

 private:
  std::atomic<bool> down_{false};
  mutable std::mutex mutex_;
  std::string first_;
};

}  // namespace xueji
