// The read pool serves waiting callers in the order they came. With more
// handler threads than connections, a returned connection used to wake an
// arbitrary waiter, and a page's p99 at 64 clients was twice its median
// (docs/performance.md, "A page of a list").

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// Waits until `pool` has `n` callers queued, so each next caller queues behind.
void await_waiting(store::ConnectionPool& pool, size_t n) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (pool.waiting() != n && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(pool.waiting(), n);
}

TEST(ConnectionPool, WaitingCallersAreServedInTheOrderTheyCame) {
  auto pool = store::ConnectionPool::open(fresh_database("sqlite"), 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> holding;
  std::thread holder([&] {
    auto held = (*pool)->run<int>("hold", [&](store::Connection&) {
      holding.set_value();
      released.wait();
      return 0;
    });
    EXPECT_TRUE(held.ok());
  });
  holding.get_future().wait();

  std::mutex served_mutex;
  std::vector<int> served;
  std::vector<std::thread> callers;
  constexpr int kCallers = 8;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      auto done = (*pool)->run<int>("read", [&](store::Connection&) {
        std::lock_guard<std::mutex> lock(served_mutex);
        served.push_back(i);
        return i;
      });
      EXPECT_TRUE(done.ok());
    });
    await_waiting(**pool, static_cast<size_t>(i) + 1);
  }
  release.set_value();
  holder.join();
  for (auto& caller : callers) caller.join();

  std::vector<int> in_order;
  for (int i = 0; i < kCallers; ++i) in_order.push_back(i);
  EXPECT_EQ(served, in_order);
  EXPECT_EQ((*pool)->waiting(), 0u);
}

}  // namespace
}  // namespace xueji::test
