#pragma once
// A copy of the cases' deadline index held in memory (a hot standby's,
// warm_deadlines.h): the index as read whole once, sorted, and the changes
// read after it by case id. A case changed again replaces its change; a
// case whose timer ended (closed, or no timer armed) is a change to none.
// Merged into one sorted index when asked for; folded into the base when
// the changes grow, so that memory stays about one entry per open timer.

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/port/journal.h"

namespace xueji::store {

class DeadlineCopy {
 public:
  // `sorted`: the index as read, soonest first, ties by id (Journal::wakes).
  void reset(std::vector<PendingWake> sorted);
  // A case's timer as now stored: at `at`, or none.
  void change(const std::string& id, std::optional<Instant> at);
  // The index with every change applied, soonest first, ties by id: what
  // Journal::wakes would read now.
  std::vector<PendingWake> merged() const;
  // Entries read whole, and changes held beside them.
  size_t base_size() const { return base_.size(); }
  size_t changes() const { return changes_.size(); }

 private:
  std::vector<PendingWake> base_;
  std::unordered_map<std::string, std::optional<Instant>> changes_;
};

}  // namespace xueji::store
