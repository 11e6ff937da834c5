#pragma once
// The engine's own opening rate, the limit the herd and the re-dating are
// measured against: `cases` transfers from 4501020001 to 4501030002, every
// one a student of its own, opened through `engine` by 64 chains each
// opening its share one after the other (64 requests in flight).

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>

#include "actors/runtime.h"

namespace xueji::bench {

struct Opened {
  double seconds = 0;
  long long failures = 0;
};

inline Opened open_transfers(Runtime& engine, long long cases, const std::string& prefix) {
  constexpr int kRequesters = 64;
  std::atomic<long long> next_case{0}, failures{0};
  std::mutex finished_mutex;
  std::condition_variable finished_cv;
  int running = kRequesters;
  std::function<void()> open_next = [&] {
    const long long n = next_case++;
    if (n >= cases) {
      std::lock_guard<std::mutex> lock(finished_mutex);
      if (--running == 0) finished_cv.notify_one();
      return;
    }
    Student s;
    char digits[24];
    std::snprintf(digits, sizeof digits, "%07lld", n);
    s.resident_id = std::string("45010220130") + digits;
    s.registration_number = "G" + s.resident_id;
    s.school = "4501020001";
    s.grade = 5;
    const std::string id = prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(n);
    engine.submit(id, OpenCase{"transfer", "4501030002", {{"to_school", "4501030002"}}, s, ""},
                  [&](CaseReply opened) {
                    if (!opened.ok) failures += 1;
                    open_next();
                  });
  };
  const auto started = std::chrono::steady_clock::now();
  for (int r = 0; r < kRequesters; ++r) open_next();
  {
    std::unique_lock<std::mutex> lock(finished_mutex);
    finished_cv.wait(lock, [&] { return running == 0; });
  }
  return Opened{std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                failures.load()};
}

}  // namespace xueji::bench
