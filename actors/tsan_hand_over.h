#pragma once

#include <functional>
#include <memory>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace xueji {

// The callback of an asynchronous way into the engine (Runtime::submit,
// request_async, open_new_async, commit_async), wrapped so ThreadSanitizer
// sees the order the engine already gives: everything the submitting
// thread did before it submitted happens before the callback runs.
//
// Why: Debian's CAF is not built with -fsanitize=thread, so a message's
// hand-over from the sending thread to the worker that takes it goes
// through atomics TSan cannot see. When the callback then hands on to a
// third thread (an HTTP answer posted to its connection's strand, freed
// by an I/O worker), neither of the two threads TSan compares has a CAF
// frame for tests/sanitizers/tsan.supp to match, and the submitter's
// reads look unordered with the I/O worker's free (session 58's report:
// an Idempotency-Key answer's body). In a TSan build the submitter
// releases an edge of its own that the callback acquires first; in any
// other build the callback is returned as it was, at no cost.
template <class Answer>
std::function<void(Answer)> after_hand_over(std::function<void(Answer)> done) {
#if defined(__SANITIZE_THREAD__)
  if (!done) return done;
  auto edge = std::make_shared<char>(0);
  __tsan_release(edge.get());
  return [edge, done = std::move(done)](Answer answer) {
    __tsan_acquire(edge.get());
    done(std::move(answer));
  };
#else
  return done;
#endif
}

}  // namespace xueji
