#pragma once
// A run over many students (engine/student/student_run.h) as the run
// routes answer it and who may read it: the promotion (Art. 7) and the
// graduation (Art. 19) routes share both.

#include <nlohmann/json.hpp>
#include <string>

#include "adapters/http/context.h"
#include "adapters/http/services.h"
#include "adapters/store/run_store.h"

namespace xueji::http {

// {id, kind, scope, year, at, changed, finished}, and a promotion's
// corrections_until (the last day of its month of corrections, Art. 7).
nlohmann::json run_json(const store::StoredRun& run);

// The stored run `id` of `kind` or the answer refusing it: "not_found"
// (404) for no such run of that kind; 403 unless the account's org holds
// the run's scope or is one of the orgs under it (a school reads, and
// corrects, the run that moved its students).
Result<store::StoredRun> readable_run(Services& services, const std::string& id,
                                      const std::string& kind, const Context& ctx);

}  // namespace xueji::http
