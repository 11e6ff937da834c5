#pragma once
// One deadline index: every id's current timer (a case's next instant, or
// an account's seal), and the timers soonest first. The scheduler keeps
// one for cases and one for accounts (actors/scheduler_actor.h); a start
// fills them from the store before the scheduler runs.
//
// An id is held once, as the map's key: a node-based map keeps a key where
// it is while its entry lives (rehashing and moving the index move no
// node), and no entry is ever erased, so the timeline points at it. A
// restart at ten million open cases holds ten million of each (issue 17);
// a second copy of each id was a quarter of the server. For the same
// reason an index is moved, never copied.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "actors/port/journal.h"

namespace xueji {

class DeadlineIndex {
 public:
  DeadlineIndex() = default;
  DeadlineIndex(const DeadlineIndex&) = delete;
  DeadlineIndex& operator=(const DeadlineIndex&) = delete;
  DeadlineIndex(DeadlineIndex&&) = default;
  DeadlineIndex& operator=(DeadlineIndex&&) = default;

  // A timer the store holds, as a start reads them. Soonest first, as
  // the store orders them (ORDER BY next_instant, id), each goes in at the
  // timeline's end in constant time, where inserting ten million one by
  // one took seconds; any other order is still placed right, only slower.
  // An id added twice keeps the later.
  void add(PendingWake&& wake);
  void add_all(std::vector<PendingWake> wakes);

  // `id`'s timer as armed at `version`: at `at`, or none. A version older
  // than the one held is a late message and changes nothing.
  void apply(const std::string& id, int64_t version, std::optional<Instant> at);
  // The soonest timer's instant, if any.
  std::optional<Instant> next() const;
  // The soonest timer, taken out of the index, with its id's version.
  struct Taken {
    Instant at;
    std::string id;
    int64_t version;
  };
  Taken pop();
  // Puts back a timer popped at `version` whose firing failed, unless the
  // id was armed again meanwhile (its case answered, or was reloaded).
  void restore(const std::string& id, int64_t version, Instant at);
  // The ids whose timer is at or after `from`, soonest first.
  std::vector<std::string> due_from(Instant from) const;
  // Timers armed.
  size_t size() const { return due_.size(); }

 private:
  struct Entry {
    int64_t version = -1;
    std::optional<Instant> at;
  };
  using Timer = std::pair<Instant, const std::string*>;
  // Soonest first; at one instant, by id, as the ids compare.
  struct Soonest {
    bool operator()(const Timer& a, const Timer& b) const {
      if (a.first != b.first) return a.first < b.first;
      return *a.second < *b.second;
    }
  };
  std::unordered_map<std::string, Entry> by_id_;
  std::set<Timer, Soonest> due_;
};

}  // namespace xueji
