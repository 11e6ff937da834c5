#pragma once
// A thread that runs one piece of work every so many seconds (real time)
// until it is stopped: the server's sweeps (the archive steps left owed,
// actors/archive_duty_sweep.h; old Idempotency-Key answers and ended
// tokens, adapters/http/expiry_sweep.h). A stop wakes the thread at once
// and waits for a run in progress to end; a long run asks stopping()
// between its parts to end early.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace xueji {

class Repeating {
 public:
  // Whether the first run comes at start() or after the first interval.
  enum class First { at_start, after_an_interval };

  Repeating() = default;
  ~Repeating() { stop(); }
  Repeating(const Repeating&) = delete;
  Repeating& operator=(const Repeating&) = delete;

  // Runs `work` on a thread of its own every `seconds`, the first time as
  // `first` says. Called once.
  void start(int seconds, First first, std::function<void()> work) {
    thread_ = std::thread([this, seconds, first, work = std::move(work)] {
      std::unique_lock<std::mutex> lock(mutex_);
      for (bool waited = first == First::after_an_interval;; waited = true) {
        if (waited)
          wake_.wait_for(lock, std::chrono::seconds(seconds), [this] { return stopping_; });
        if (stopping_) return;
        lock.unlock();
        work();
        lock.lock();
      }
    });
  }

  // Stops the thread, once its run in progress is over; then none comes.
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  // Whether a stop was asked: a run's parts may end early on it.
  bool stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace xueji
