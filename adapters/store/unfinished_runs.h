#pragma once
// The runs over many students (student_runs) that were started and not
// finished: what a server resumes at start-up (a crash or a stop in the
// middle of a promotion, Art. 7).

#include <memory>
#include <string>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "adapters/store/run_store.h"

namespace xueji::store {

// The unfinished runs of `kind` ("promotion", "graduation"), by id.
Result<std::vector<StoredRun>> unfinished_runs(ConnectionPool& pool, const std::string& kind);

}  // namespace xueji::store
