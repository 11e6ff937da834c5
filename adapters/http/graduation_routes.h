#pragma once
// A school's graduation over HTTP (Art. 19): the cohort in its last grade
// graduates as one recorded run; 结业 (completed) and 肄业 (incomplete) stay
// per-student graduation cases.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/graduations {school, year, grade?, except?}: graduates every
// enrolled record in the school's graduating grade (default the last grade
// its type teaches; engine/student/student_run.h: graduation_run()) but the
// registration numbers in `except` and records with a live case, to its
// end, in batches, each keeping its former status in its history; answers
// 201 with the run and `not_graduated`, the numbers still live in that
// grade at the school (for a case each). A registrar of the school or a
// superior may. The same school and year again is the same run: 200 with
// it, nothing changed. 404 for an unknown school; 422 naming the article
// for a grade the school does not graduate.
Response run_graduation(Services& services, const Request& request, Context& ctx);

// GET /v1/graduations/{id}: the run, for an account whose subtree holds
// its school or whose org lies under it (the school itself); 404 for an
// unknown id.
Response get_graduation(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
