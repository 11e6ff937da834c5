#pragma once
// The one clock the engine reads, injected: the system clock in production,
// a virtual clock in tests and in `serve --clock simulated`, which only the
// scheduler moves (advance), firing every timer due on the way in order.

#include <atomic>

#include "engine/core/instant.h"

namespace xueji {

class VirtualClock;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  // The clock the scheduler may move when this one is simulated; null for
  // the system clock, which nobody moves.
  virtual VirtualClock* movable() { return nullptr; }
  bool is_virtual() { return movable() != nullptr; }
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Instant start) : seconds_(start.unix_seconds()) {}
  Instant now() const override { return Instant::from_unix_seconds(seconds_.load()); }
  VirtualClock* movable() override { return this; }
  // Only the scheduler calls this, and never backwards.
  void set(Instant to) { seconds_.store(to.unix_seconds()); }

 private:
  std::atomic<int64_t> seconds_;
};

}  // namespace xueji
