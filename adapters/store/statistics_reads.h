#pragma once
// The supervisor's figures of one org's subtree as stored (migration 0013,
// statistics_rows.h): the scope's own rows, read by primary key, so a
// province's year costs what a school's does.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/store/connection_pool.h"

namespace xueji::store {

// One month and kind of a subtree.
struct MonthFigures {
  std::string month, kind;
  int64_t decided = 0;
  int64_t decided_on_time = 0;
  int64_t escalations_received = 0;
  // Steps decided by working days taken (0..60, 61 for longer).
  std::map<int, int64_t> decided_in_days;
};

// Open and overdue steps now, of the subtree's orgs at one level.
struct OpenStepFigures {
  std::string level, kind;
  int64_t open = 0;
  int64_t overdue = 0;
};

struct SubtreeFigures {
  std::vector<MonthFigures> months;  // by month, then kind
  std::vector<OpenStepFigures> open_steps;
};

class StatisticsReads {
 public:
  explicit StatisticsReads(std::shared_ptr<ConnectionPool> pool);

  // The figures of `scope`'s subtree for months `from`..`to` (YYYY-MM,
  // inclusive) and kind `kind` ("" for every kind).
  Result<SubtreeFigures> subtree(const std::string& scope, const std::string& from,
                                 const std::string& to, const std::string& kind);

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
