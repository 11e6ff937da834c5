#pragma once
// The backlog as the store holds it: what the journal counts once at start
// (Journal::count_backlog) and the counters kept at commit move from there
// (actors/backlog_counts.h). Plain data.

#include <cstdint>
#include <map>
#include <string>

namespace xueji {

struct BacklogTally {
  // Cases whose status is 'open', by kind.
  std::map<std::string, int64_t> open_cases;
  // The active steps of open cases by their party's due date (YYYY-MM-DD,
  // or "" when none): a key per day with deadlines, so the overdue ones
  // are summed for any day without a scan of the cases.
  std::map<std::string, int64_t> active_steps_by_due;
  // Notices no webhook has taken yet (delivered_at unset).
  int64_t notices_waiting = 0;
};

}  // namespace xueji
