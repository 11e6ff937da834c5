#pragma once
// One deadline index: every id's current timer (a case's next instant, or
// an account's seal), and the timers soonest first. The scheduler keeps
// one for cases and one for accounts (actors/scheduler_actor.h); a start
// fills them from the store before the scheduler runs.
//
// Laid out for a start at ten million open cases (issue 17), where a
// node per id and a tree node per timer cost 170 bytes and two cache
// misses a timer, most of a start's time:
// - each id is a slot: its characters in a shared arena, its entry in
//   blocks of entries, found through an open-addressing table of slot
//   numbers;
// - the timers a start reads come soonest first from the store (ORDER BY
//   next_instant, id) and stay in that order in an array of slots, read
//   from its head; a timer armed later goes into a tree. A start's timer
//   that is armed again, disarmed or fired is left in the array and passed
//   over there, its entry saying it is no longer the array's.
// An index is moved, never copied: its tree compares ids held in storage
// the move keeps where it is.

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "actors/port/journal.h"

namespace xueji {

class DeadlineIndex {
 public:
  DeadlineIndex();
  ~DeadlineIndex();
  DeadlineIndex(const DeadlineIndex&) = delete;
  DeadlineIndex& operator=(const DeadlineIndex&) = delete;
  DeadlineIndex(DeadlineIndex&&) noexcept;
  DeadlineIndex& operator=(DeadlineIndex&&) noexcept;

  // A timer the store holds, as a start reads them. Soonest first, as the
  // store orders them, each goes at the end of the start's array in
  // constant time; any other order is still placed right (the array is
  // sorted once before it is next read). An id added twice keeps the later.
  void add(std::string_view id, Instant at);
  void add(PendingWake&& wake) { add(wake.id, wake.at); }
  void add_all(std::vector<PendingWake> wakes);

  // `id`'s timer as armed at `version`: at `at`, or none. A version older
  // than the one held is a late message and changes nothing.
  void apply(std::string_view id, int64_t version, std::optional<Instant> at);
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
  void restore(std::string_view id, int64_t version, Instant at);
  // The ids whose timer is at or after `from`, soonest first.
  std::vector<std::string> due_from(Instant from) const;
  // Timers armed.
  size_t size() const;

 private:
  struct Slots;  // the ids and their entries, where a move leaves them
  // A timer armed after the start's: its instant and slot, ordered by
  // instant, then by id. The id's first 16 bytes ride along, in an order
  // their numbers keep: most comparisons end there, without the two or
  // three cache misses of reaching the id itself (a case's timer is armed
  // again at each of its transitions, into a tree of every open case's).
  struct Later {
    int64_t at;
    uint32_t slot;
    uint64_t head[2];
  };
  struct Soonest {
    using is_transparent = void;  // looked up by instant alone
    const Slots* slots;
    bool operator()(const Later& a, const Later& b) const;
    bool operator()(const Later& a, int64_t at) const { return a.at < at; }
    bool operator()(int64_t at, const Later& b) const { return at < b.at; }
  };
  // `slot`'s timer at `at` as the tree holds it.
  Later later_of(int64_t at, uint32_t slot) const;
  // `slot`'s timer as armed at `version` (apply's, once the slot is found).
  void set(uint32_t slot, int64_t version, std::optional<Instant> at);
  // Arms `slot` at `at` in the tree of timers armed after the start.
  void arm_later(uint32_t slot, Instant at);
  // The start's array from its first timer still armed there, sorted.
  void settle() const;
  bool start_first() const;  // the soonest timer is the start array's

  std::unique_ptr<Slots> slots_;
  std::set<Later, Soonest> later_;
};

}  // namespace xueji
