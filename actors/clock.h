#pragma once
// The one clock the engine reads, injected: the system clock in production,
// a virtual clock in tests and in `serve --clock simulated`, which only the
// scheduler moves (advance), firing every timer due on the way in order.

#include <atomic>

#include "engine/core/instant.h"

namespace xueji {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
  virtual bool is_virtual() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
  bool is_virtual() const override { return false; }
};

class VirtualClock final : public Clock {
 public:
  explicit VirtualClock(Instant start) : seconds_(start.unix_seconds()) {}
  Instant now() const override { return Instant::from_unix_seconds(seconds_.load()); }
  bool is_virtual() const override { return true; }
  // Only the scheduler calls this, and never backwards.
  void set(Instant to) { seconds_.store(to.unix_seconds()); }

 private:
  std::atomic<int64_t> seconds_;
};

}  // namespace xueji
