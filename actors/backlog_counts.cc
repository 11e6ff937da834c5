#include "actors/backlog_counts.h"

namespace xueji {

void BacklogCounts::count(const std::string& kind, const CountedRow& row, int64_t sign) {
  if (!row.open) return;
  tally_.open_cases[kind] += sign;
  if (row.has_active_step) tally_.active_steps_by_due[row.active_due] += sign;
}

void BacklogCounts::committed(const Transition& t) {
  std::lock_guard<std::mutex> lock(mutex_);
  tally_.notices_waiting += static_cast<int64_t>(t.notices.size());
  if (t.case_id.empty() || t.events.empty()) return;
  if (t.before) count(t.row.kind, *t.before, -1);
  count(t.row.kind, counted(t.row), +1);
}

void BacklogCounts::delivered(int64_t notices) {
  std::lock_guard<std::mutex> lock(mutex_);
  tally_.notices_waiting -= notices;
}

BacklogTally BacklogCounts::tally() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tally_;
}

BacklogFigures BacklogCounts::figures(const std::string& today) const {
  std::lock_guard<std::mutex> lock(mutex_);
  BacklogFigures f;
  // A kind counted down to zero stays, at zero: a series does not vanish.
  f.open_cases = tally_.open_cases;
  for (const auto& [due, n] : tally_.active_steps_by_due) {
    f.pending_cases += n;
    if (due < today) f.overdue_steps += n;
  }
  f.notices_waiting = tally_.notices_waiting;
  return f;
}

}  // namespace xueji
