// The read pool serves waiting callers by seniority: in the order they
// came, or as of their request's start. With more
// handler threads than connections, a returned connection used to wake an
// arbitrary waiter, and a page's p99 at 64 clients was twice its median
// (docs/performance.md, "A page of a list").

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "tests/store/pool_holder.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

TEST(ConnectionPool, WaitingCallersAreServedInTheOrderTheyCame) {
  auto pool = store::ConnectionPool::open(fresh_database("sqlite"), 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  Holder holder(**pool);

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
  holder.release();
  for (auto& caller : callers) caller.join();

  std::vector<int> in_order;
  for (int i = 0; i < kCallers; ++i) in_order.push_back(i);
  EXPECT_EQ(served, in_order);
  EXPECT_EQ((*pool)->waiting(), 0u);
}

// A request's later read is served before the reads of requests that came
// after it started, whenever it queues.
TEST(ConnectionPool, AReadOfAnEarlierRequestIsServedFirst) {
  auto pool = store::ConnectionPool::open(fresh_database("sqlite"), 1);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  const auto request_started = std::chrono::steady_clock::now();
  Holder holder(**pool);

  std::mutex served_mutex;
  std::vector<std::string> served;
  auto read = [&](const std::string& who) {
    auto done = (*pool)->run<int>("read", [&](store::Connection&) {
      std::lock_guard<std::mutex> lock(served_mutex);
      served.push_back(who);
      return 0;
    });
    EXPECT_TRUE(done.ok());
  };
  std::vector<std::thread> callers;
  for (const char* later : {"later-1", "later-2"}) {
    callers.emplace_back([&read, later] { read(later); });
    await_waiting(**pool, callers.size());
  }
  callers.emplace_back([&] {
    store::ConnectionPool::Seniority senior(request_started);
    read("earlier");
  });
  await_waiting(**pool, callers.size());
  holder.release();
  for (auto& caller : callers) caller.join();

  EXPECT_EQ(served, (std::vector<std::string>{"earlier", "later-1", "later-2"}));
}

}  // namespace
}  // namespace xueji::test
