#pragma once
// Test support for the read pool: hold its only connection while callers
// queue behind it, and wait until they have.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "adapters/store/connection_pool.h"

namespace xueji::test {

// Waits until `pool` has `n` callers queued, so each next caller queues behind.
inline void await_waiting(store::ConnectionPool& pool, size_t n) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (pool.waiting() != n && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(pool.waiting(), n);
}

// Holds a pool's only connection on a thread of its own until released.
class Holder {
 public:
  explicit Holder(store::ConnectionPool& pool) {
    std::promise<void> holding;
    std::future<void> holds = holding.get_future();  // taken before the thread may set it
    thread_ = std::thread([&pool, &holding, released = release_.get_future()] {
      auto held = pool.run<int>("hold", [&](store::Connection&) {
        holding.set_value();
        released.wait();
        return 0;
      });
      EXPECT_TRUE(held.ok());
    });
    holds.wait();
  }
  void release() {
    release_.set_value();
    thread_.join();
  }

 private:
  std::promise<void> release_;
  std::thread thread_;
};

}  // namespace xueji::test
