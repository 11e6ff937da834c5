#pragma once
// The supervisor's figures of a database upgraded to migration 0013, from
// its cases' events: every case's events folded in order and counted as
// the journal counts them at commit (engine/case/step_statistics.h). SQL
// alone cannot do it, since working days count on the calendars, so the
// start of `xueji serve` (and of a test's runtime) runs it, once: the
// migration leaves a row in statistics_backfill, removed in the same
// transaction as the figures are written.

#include "adapters/store/database.h"
#include "engine/case/decider.h"

namespace xueji::store {

// The number of cases counted; 0 when there was nothing left to do.
Result<long long> backfill_statistics(Connection& connection, const DecisionContext& context);

}  // namespace xueji::store
