#pragma once
// The hand-over of a school that merged or closed (Art. 12), once its
// change is recorded and its tree in force: every live case that may name
// the school is asked to hand over to the successor (HandOverSchool; a
// case that does not name it refuses, changing nothing), then the school's
// records move to the successor school (school_records_run(), when the
// successor is a school; a department keeps them in place), then the change
// is marked finished. Each case's hand-over is a transition of its own,
// with its notice; the records move in batches recorded as the run
// "handover-<school>". Run again after a stop midway (a start does, for
// every unfinished change), it does what is left and nothing twice: a case
// handed over already refuses, the run resumes past its last batch.

#include <cstddef>
#include <memory>
#include <vector>

#include "actors/runtime.h"
#include "adapters/store/org_change_rows.h"
#include "adapters/store/run_store.h"

namespace xueji::http {

struct HandOverOutcome {
  size_t cases_handed_over = 0;
  size_t cases_superseded = 0;  // transfers into a school that closed
  int64_t records_moved = 0;    // by this run, over every call
};

// Runs the hand-over of `change` (a merge or a close) to its end. An error
// (the store away) leaves it unfinished, for the next call to finish.
Result<HandOverOutcome> run_school_hand_over(Runtime& engine, store::OrgChangeStore& changes,
                                             store::RunStore& runs,
                                             const store::StoredOrgChange& change);

// At a start: runs every stored merger's or closure's hand-over not marked
// finished (`changes`, as read), logging each. How many it finished.
Result<size_t> finish_hand_overs(Runtime& engine, std::shared_ptr<store::ConnectionPool> pool,
                                 const std::vector<store::StoredOrgChange>& changes);

}  // namespace xueji::http
