#pragma once
// The yearly promotion over HTTP (Art. 7) and its month of corrections.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/promotions {scope, year, at?}: runs the promotion of `year` over
// the schools under `scope` (a county or above; `at` a date, default
// <year>-09-01) to its end, in batches, and answers 201 with the run. An
// account of an org whose subtree holds `scope` may (either role; a school's
// account never holds a county). The same scope and year again is the same
// run: 200 with it, nothing changed (an interrupted run is resumed first).
Response run_promotion(Services& services, const Request& request, Context& ctx);

// GET /v1/promotions/{id}: the run (id, kind, scope, year, at, changed,
// finished, corrections_until), for an account whose subtree holds its
// scope or whose org lies under it; 404 for an unknown id.
Response get_promotion(Services& services, const Request& request, Context& ctx);

// POST /v1/promotions/{id}/corrections {registration_number, grade, reason}:
// a registrar of the student's school or of a superior undoes the
// promotion of a student who repeats the year, until corrections_until
// (engine/student/promotion_correction.h has the rules: 422 naming the
// article). Once per student and run (409 after); a compare-and-set on the
// record's version (409 when it changed meanwhile), written with its row
// of history and the audit entry in one transaction. 200 with the record.
Response correct_promotion(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
