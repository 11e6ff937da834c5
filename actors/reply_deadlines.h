#pragma once
// The bounded waits of the gateway's requests (RuntimeOptions::
// reply_seconds), kept by the gateway itself rather than by CAF's clock.
//
// Why: CAF 0.17 hands every request's timeout to its clock thread, waking
// that thread once per request, and never takes the timeout back when the
// answer comes: reply_seconds later the clock sends the requester a stale
// timeout message, one per request, which the requester must take from its
// mailbox and drop. Under a server's load that was a thread wake and a
// message per request for nothing (docs/performance.md, session 46). Here
// a wait is an entry in a queue of one actor, looked at by a tick of its
// own a few times a second while anything is awaited.
//
// Not thread-safe: the gateway's answers, its ticks and its new waits all
// run in that one actor.

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

namespace xueji {

class ReplyDeadlines {
 public:
  using Clock = std::chrono::steady_clock;

  // Waits of `wait` each (positive).
  explicit ReplyDeadlines(Clock::duration wait) : wait_(wait) {}

  // How often the owner looks at its waits while any is awaited: a quarter
  // of the wait, at most a second. A wait ends between `wait` and `wait`
  // plus one tick after it began.
  Clock::duration tick() const {
    return std::min<Clock::duration>(wait_ / 4, std::chrono::seconds(1));
  }

  // Awaits an answer from `now`. The function returned gives the answer to
  // `done`; whichever comes first reaches `done`, that answer or, once the
  // wait is over, `late()`; nothing after it.
  template <typename Answer>
  std::function<void(Answer)> await(Clock::time_point now, std::function<void(Answer)> done,
                                    std::function<Answer()> late) {
    auto waiting = std::make_shared<WaitingFor<Answer>>(std::move(done), std::move(late));
    waits_.push_back(Entry{now + wait_, waiting});
    return [waiting](Answer answer) { waiting->answer(std::move(answer)); };
  }

  // Gives `late()` to every wait over at `now` and forgets the answered
  // ones before them. Returns whether any wait is still unanswered or not
  // yet forgotten, i.e. whether the owner should look again a tick later.
  bool expire(Clock::time_point now) {
    while (!waits_.empty()) {
      Entry& first = waits_.front();
      if (!first.waiting->answered) {
        if (first.due > now) break;
        first.waiting->time_out();
      }
      waits_.pop_front();
    }
    return !waits_.empty();
  }

  // Waits not yet forgotten (answered ones count until expire() passes them).
  size_t size() const { return waits_.size(); }

 private:
  // One wait: answered once, by its answer or by its time running out.
  struct Waiting {
    virtual ~Waiting() = default;
    virtual void time_out() = 0;
    bool answered = false;
  };
  template <typename Answer>
  struct WaitingFor final : Waiting {
    WaitingFor(std::function<void(Answer)> d, std::function<Answer()> l)
        : done(std::move(d)), late(std::move(l)) {}
    // The caller's function and what it holds go once it is answered.
    void answer(Answer a) {
      if (answered) return;
      answered = true;
      auto to = std::move(done);
      late = nullptr;
      to(std::move(a));
    }
    void time_out() override { answer(late()); }
    std::function<void(Answer)> done;
    std::function<Answer()> late;
  };
  struct Entry {
    Clock::time_point due;
    std::shared_ptr<Waiting> waiting;
  };

  Clock::duration wait_;
  std::deque<Entry> waits_;  // in the order begun, hence of due time
};

}  // namespace xueji
