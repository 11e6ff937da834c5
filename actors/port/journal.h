#pragma once
// The journal: the port through which the actors reach durable storage,
// owned by actors/ and implemented at the edge (adapters/store for
// PostgreSQL and SQLite; an in-memory journal with the actor tests). The
// actors need only this: commit a batch of transitions, load the cases and
// accounts their messages name, and read the timers to arm.
//
// One Journal is one connection: not thread-safe; each actor that touches
// storage owns its own, made by a JournalFactory.

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/port/backlog_tally.h"
#include "actors/port/transition.h"
#include "engine/account/account.h"
#include "engine/case/case_state.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/student/record_history.h"
#include "engine/student/student.h"
#include "engine/student/student_run.h"

namespace xueji {

// A case (or an account, in the accounts' index) whose timer falls at `at`.
struct PendingWake {
  std::string id;
  Instant at;
};

// An account's stored record: the account, and its timer (none while
// sealed).
struct StoredAccount {
  Account account;
  std::optional<Instant> seal_due;
  Instant created_at;
};

// A student's stored record and its version: every write to it moves the
// version on (a case's completion, a run over many students).
struct StoredStudent {
  Student student;
  int64_t version = 0;
};

// Which deadline index: cases' next instants or accounts' seals.
enum class WakeIndex { cases, accounts };

class Journal {
 public:
  virtual ~Journal() = default;

  // Commits a batch of transitions in one transaction: all of it is durable
  // when this returns ok, none of it otherwise. A transition that breaks
  // the journal's invariants (an event number already taken) fails the
  // batch with "store_failed" naming it. A student change is a
  // compare-and-set (engine/case/student_effect.h), checked against the
  // record as it is in that transaction: one that no longer fits fails the
  // batch with "student_changed" naming the student and what it holds; it
  // changes only the fields it names, and moves the record's version on.
  virtual Status commit(const std::vector<Transition>& batch) = 0;
  // Whether journals of one factory may commit at once, each on its own
  // connection, the store ordering what their batches share (a student's
  // row, the audit trail's head) by its locks: true on PostgreSQL. False
  // where a second commit would only wait for the first's lock (SQLite's
  // one writer at a time).
  virtual bool commits_side_by_side() const { return false; }

  // The stored states of those of `case_ids` that exist, in one round trip
  // (the directory loads every case its queued messages name at once).
  virtual Result<std::map<std::string, CaseState>> load_cases(
      const std::vector<std::string>& case_ids) = 0;

  // The stored accounts of those of `names` that exist, likewise.
  virtual Result<std::map<std::string, StoredAccount>> load_accounts(
      const std::vector<std::string>& names) = 0;

  // The stored records of those of `numbers` that exist, likewise.
  virtual Result<std::map<std::string, StoredStudent>> load_students(
      const std::vector<std::string>& numbers) = 0;

  // The cases of `subject` still live, by id: open (a step waiting) or
  // in_term (a leave's or deferral's term running); those a closed record
  // ends (a death ends a leave in its term too, Art. 21).
  virtual Result<std::vector<std::string>> open_cases(const std::string& subject) = 0;

  // The history of the record `number` names (a retired number names its
  // successor's), oldest first: every value a case's write of named fields
  // replaced (engine/student/record_history.h).
  virtual Result<std::vector<HistoryEntry>> student_history(const std::string& number) = 0;

  // The students whose record is closed while cases of theirs are still
  // live (open or in_term), by number: what a crash between a record's closing and the
  // ending of its other cases leaves behind (the runtime ends them at start).
  virtual Result<std::vector<std::string>> closed_with_open_cases() = 0;

  // The archive steps still owed (Art. 6, 7), oldest first (by
  // owed_since, then case id), those after `after` (none: from the
  // first), at most `limit`: recorded with the operation that owes them
  // and not yet settled by their case's opening; what a stop between the
  // two commits leaves (the runtime opens them at start, a page at a
  // time: a million after an intake's import). A retired number names its
  // successor.
  virtual Result<std::vector<ArchiveDuty>> owed_archive_duties_after(
      const std::optional<ArchiveDuty>& after, size_t limit) = 0;
  // Every archive step still owed, oldest first.
  Result<std::vector<ArchiveDuty>> owed_archive_duties() {
    return owed_archive_duties_after(std::nullopt, std::numeric_limits<size_t>::max());
  }

  // The follow-ups still owed (Art. 12, 16, 17), oldest first: recorded
  // with the commit that owes them and not yet settled by their delivery;
  // what a stop between the commit and the delivery leaves (the runtime
  // delivers them at start). A retired number names its successor.
  virtual Result<std::vector<OwedFollowUp>> owed_follow_ups() = 0;

  // The national schedule years whose arrival has been answered (every
  // provisional due date on them re-dated), ascending; none before the
  // first start that records them (actors/schedule_arrival.h).
  virtual Result<std::vector<int>> schedule_years() = 0;

  // One batch of `run` (engine/student/student_run.h), past where it last
  // stopped, in one transaction with the run's progress: up to run.batch
  // records it takes, in registration-number order, each moved on as the
  // run says and its version with it (a status it sets leaves a history
  // row; with skip_open_cases, a record with a live case is not taken).
  // Call until finished; a finished run changes nothing more.
  virtual Result<RunProgress> run_batch(const StudentRun& run) = 0;

  // The timers of `index` falling in [from, until), soonest first (ties by
  // id), handed to `take` one by one as they are read: a start at ten
  // million open cases builds its index from them with no second copy of
  // it in memory (issue 17). A failure may come after some were handed:
  // the caller drops what it took.
  virtual Status each_wake(WakeIndex index, Instant from, Instant until,
                           const std::function<void(PendingWake&&)>& take) = 0;

  // The same timers, read whole (a standby's copy, tests).
  Result<std::vector<PendingWake>> wakes(WakeIndex index, Instant from, Instant until) {
    std::vector<PendingWake> out;
    Status read =
        each_wake(index, from, until, [&](PendingWake&& w) { out.push_back(std::move(w)); });
    if (!read) return read.error();
    return out;
  }

  // The backlog as stored (actors/backlog_counts.h): open cases by kind,
  // the active steps of open cases by their party's due date, the notices
  // not yet delivered. Read once at start; the counters move from there.
  virtual Result<BacklogTally> count_backlog() = 0;
};

// Opens one more journal on the same storage: "store_unavailable" when it
// cannot be reached.
using JournalFactory = std::function<Result<std::unique_ptr<Journal>>()>;

}  // namespace xueji
