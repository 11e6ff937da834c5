// What a thread wrote before it submitted to the engine is whole where the
// submission's callback hands it on, to a thread of neither the submitter
// nor CAF: the way an HTTP answer goes from a follow-up thread through the
// writer to its connection's I/O worker. Under ThreadSanitizer
// (scripts/tsan.sh) the test is also the check of actors/tsan_hand_over.h:
// without the edge it adds, the mailbox's hand-over in Debian's
// uninstrumented CAF is invisible, and the third thread's free of what the
// submitter wrote is reported as a race with no CAF frame to suppress.
// scripts/tsan.sh --standby (README's test command) runs it under TSan.

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tests/actors/memory_runtime.h"

namespace xueji::test {
namespace {

TEST(HandOver, WhatTheSubmitterWroteReachesTheThirdThreadWhole) {
  MemoryRuntime rig;
  rig.start(RuntimeOptions());
  ASSERT_NE(rig.runtime, nullptr);
  Runtime& engine = *rig.runtime;

  constexpr int kBodies = 300;
  std::mutex mutex;
  std::condition_variable handed_on;
  std::deque<std::pair<int, std::unique_ptr<std::string>>> handed;
  int whole = 0, failed = 0;
  // The third thread: takes each body from the queue, reads it and frees
  // it, as an I/O worker writes an answer and lets it go.
  std::thread third([&] {
    for (int taken = 0; taken < kBodies; ++taken) {
      std::unique_lock<std::mutex> lock(mutex);
      // A callback that never comes fails the count below, not the run.
      if (!handed_on.wait_for(lock, std::chrono::seconds(30), [&] { return !handed.empty(); })) {
        return;
      }
      auto [n, body] = std::move(handed.front());
      handed.pop_front();
      lock.unlock();
      whole += *body == std::string(512 + n, static_cast<char>('a' + n % 26)) ? 1 : 0;
      body.reset();
    }
  });
  // The submitter, a thread of its own: writes each body, then submits an
  // empty commit whose callback (on a CAF worker) hands the body on.
  std::thread submitter([&] {
    for (int n = 0; n < kBodies; ++n) {
      // A raw pointer: a shared one's count would itself order the
      // threads for TSan, hiding the edge this test is about.
      auto* body = new std::string(512 + n, static_cast<char>('a' + n % 26));
      engine.commit_async(Transition{}, [&, n, body](Status stored) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!stored) ++failed;
        handed.emplace_back(n, std::unique_ptr<std::string>(body));
        handed_on.notify_one();
      });
    }
  });
  submitter.join();
  third.join();
  EXPECT_EQ(whole, kBodies);
  EXPECT_EQ(failed, 0);
}

}  // namespace
}  // namespace xueji::test
