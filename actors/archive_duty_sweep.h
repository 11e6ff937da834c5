#pragma once
// The archive steps owed while the server runs (Art. 6, 7), opened without
// waiting for a restart. An operation's follow-up opens its duty's case
// right after the commit (actors/archive_opening.h); when that opening
// fails (a store blip, an answer lost past reply_seconds), or a batch stops
// at its first failure and leaves the rest, the duty stays owed. The start
// opens every owed duty; this sweep does the same while running, so a
// deadline the Measures count from the operation is not left unarmed until
// an operator happens to restart. It also opens what `xueji import` leaves
// while a server runs on the same store.
//
// A duty is opened by the sweep only once it was owed at two looks in a
// row: a follow-up still opening its own (a batch of 10,000 takes seconds)
// is left to it. Opening twice is harmless anyway (the duty's case id is
// fixed, so a second opening finds the case and only settles the duty).
// It reads a page at a time (open_left_duties) and remembers the previous
// look's duties by a 64-bit hash of their case id: 8 bytes each, so a
// million owed after an import cost megabytes. A collision only takes a
// duty one look early, which its fixed case id makes harmless.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "actors/archive_opening.h"
#include "actors/port/journal.h"
#include "actors/repeating.h"
#include "actors/runtime.h"

namespace xueji {

class ArchiveDutySweep {
 public:
  // What one look did: the duties it read, those it took up (owed at the
  // previous look too), its first failure.
  using Look = LeftDutiesOpened;

  // Reads through a journal of its own from `journals`, opens through
  // `engine`, audits each opening as the system's (archive_duty_entry).
  ArchiveDutySweep(Runtime& engine, JournalFactory journals);
  // Stops the thread, if any, once the look it is in is over.
  ~ArchiveDutySweep();
  ArchiveDutySweep(const ArchiveDutySweep&) = delete;
  ArchiveDutySweep& operator=(const ArchiveDutySweep&) = delete;

  // One look, on the calling thread: reads the owed duties and opens, side
  // by side (open_left_duties), those the previous look saw owed too.
  // Not to be called while the thread runs.
  Look look();

  // The duties owed when the last look read them; none before a look read
  // any (/metrics: xueji_archive_steps_owed). Safe from any thread.
  std::optional<size_t> owed_at_last_look() const;

  // A thread that looks every `seconds` (real time) from now on and tells
  // `report` of every look that took a duty up or failed.
  void start(int seconds, std::function<void(const Look&)> report);

 private:
  Runtime& engine_;
  JournalFactory journals_;
  std::unique_ptr<Journal> journal_;    // opened at the first look, again after a failure
  std::unordered_set<uint64_t> seen_;   // hashed case ids owed at the previous look
  std::atomic<int64_t> last_owed_{-1};  // -1: no look has read them yet
  Repeating repeating_;
};

}  // namespace xueji
