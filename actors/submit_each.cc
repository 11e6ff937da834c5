#include "actors/submit_each.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace xueji {

void each_in_flight(std::size_t count, std::size_t in_flight, const WindowedJob& start) {
  const std::size_t window = std::max<std::size_t>(in_flight, 1);
  std::mutex m;
  std::condition_variable changed;
  std::size_t running = 0;
  // Notified under the lock, so the last job touches nothing once the
  // caller may return.
  const std::function<void()> done = [&] {
    std::lock_guard<std::mutex> lock(m);
    --running;
    changed.notify_all();
  };
  for (std::size_t n = 0; n < count; ++n) {
    {
      std::unique_lock<std::mutex> lock(m);
      changed.wait(lock, [&] { return running < window; });
      ++running;
    }
    start(n, done);
  }
  std::unique_lock<std::mutex> lock(m);
  changed.wait(lock, [&] { return running == 0; });
}

void submit_each(Runtime& engine, std::size_t count, std::size_t in_flight,
                 const std::function<SubmittedCase(std::size_t)>& make,
                 const std::function<void(std::size_t, const CaseReply&)>& answered) {
  std::mutex m;  // answered one at a time
  each_in_flight(count, in_flight, [&](std::size_t n, std::function<void()> done) {
    SubmittedCase c = make(n);
    engine.submit(c.case_id, std::move(c.command), std::move(c.audit),
                  [&, n, done](const CaseReply& reply) {
                    {
                      std::lock_guard<std::mutex> lock(m);
                      answered(n, reply);
                    }
                    done();
                  });
  });
}

}  // namespace xueji
