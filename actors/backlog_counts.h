#pragma once
// The backlog /metrics shows (open cases per kind, steps waiting, steps
// overdue, notices not yet delivered), kept as counters rather than counted
// per scrape: counting the tables took 3.4 s with a million open cases
// (issue 17). Read from the store once at start (Journal::count_backlog),
// then moved by the writer with every transition it commits and by the
// webhook dispatcher with every notice it marks delivered, so a scrape
// reads counters only.
//
// Safe to share between threads. Writes made outside the engine's writer
// while it runs (none in `xueji serve`) are not seen until a restart.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "actors/port/backlog_tally.h"
#include "actors/port/transition.h"

namespace xueji {

// What a scrape shows, for the day `today`.
struct BacklogFigures {
  std::map<std::string, int64_t> open_cases;  // by kind
  int64_t pending_cases = 0;                  // open cases with an active step
  int64_t overdue_steps = 0;                  // those whose party's due date is before today
  int64_t notices_waiting = 0;
};

class BacklogCounts {
 public:
  explicit BacklogCounts(BacklogTally start) : tally_(std::move(start)) {}

  // `t` is durable: its case's row moves from t.before to t.row, and its
  // notices join the outbox. A transition without a case moves nothing.
  void committed(const Transition& t);
  // `notices` were marked delivered.
  void delivered(int64_t notices);

  // The counters as they stand (a key counted down to zero stays, at 0).
  BacklogTally tally() const;
  // The figures with steps due before `today` (YYYY-MM-DD) counted overdue,
  // as GET /v1/orgs/{org}/overdue compares them.
  BacklogFigures figures(const std::string& today) const;

 private:
  void count(const std::string& kind, const CountedRow& row, int64_t sign);

  mutable std::mutex mutex_;
  BacklogTally tally_;
};

}  // namespace xueji
