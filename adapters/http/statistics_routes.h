#pragma once
// GET /v1/orgs/{code}/statistics: the supervisor's view of an org's subtree
// (Art. 25, 26; issue 19). Per month and case kind: steps decided, the
// share decided by the party's own due date, the median working days to
// decide, escalations received; per level of the parties: open and overdue
// steps now. Figures kept at commit (engine/case/step_statistics.h), read
// by primary key (adapters/store/statistics_reads.h).
//
// Query: from, to (YYYY-MM, inclusive; default the twelve months up to the
// current one), kind (a case kind; default every kind), format=csv (or
// Accept: text/csv) for the same figures as a CSV download. A malformed
// parameter is a 400 naming it; an org outside the caller's jurisdiction
// a 403.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

Response org_statistics(Services& s, const Request& request, Context& ctx);

}  // namespace xueji::http
