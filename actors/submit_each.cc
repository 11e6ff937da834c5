#include "actors/submit_each.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace xueji {

void submit_each(Runtime& engine, std::size_t count, std::size_t in_flight,
                 const std::function<SubmittedCase(std::size_t)>& make,
                 const std::function<void(std::size_t, const CaseReply&)>& answered) {
  if (count == 0) return;
  const std::size_t first = std::min(std::max<std::size_t>(in_flight, 1), count);
  std::mutex m;
  std::condition_variable all_answered;
  std::size_t next = first;  // the first not yet asked
  std::size_t left = count;
  // Each answer claims the next one under the lock before it counts itself
  // answered, so the last answer touches nothing once the wait may end.
  std::function<void(std::size_t)> ask = [&](std::size_t n) {
    SubmittedCase c = make(n);
    engine.submit(c.case_id, std::move(c.command), std::move(c.audit),
                  [&, n](const CaseReply& reply) {
                    std::optional<std::size_t> then;
                    {
                      std::lock_guard<std::mutex> lock(m);
                      answered(n, reply);
                      if (next < count) then = next++;
                      if (--left == 0) {
                        all_answered.notify_all();
                        return;
                      }
                    }
                    if (then) ask(*then);
                  });
  };
  for (std::size_t i = 0; i < first; ++i) ask(i);
  std::unique_lock<std::mutex> lock(m);
  all_answered.wait(lock, [&] { return left == 0; });
}

}  // namespace xueji
