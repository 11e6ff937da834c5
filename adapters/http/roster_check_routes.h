#pragma once
// The termly check (Art. 25: 学校应当至少每学期核准一次学生学籍) and the
// follow-ups it opens (Art. 17: 控辍保学台账).
//
// POST /v1/roster-checks {term}: a province's registrar opens the term's
// check for every school of the province (kind roster_check, its window the
// school step's deadline in the province's rules). A school that already
// has the term's check keeps it: the call may be repeated. 200 with each
// school's check, those opened now marked.
//
// POST /v1/roster-checks/{case}/confirmation {not_attending: [{student,
// finding, note?}], note?}: the school confirms its roster. Each student it
// marks opens a dropout_follow_up its county must close, unless one is open
// already; then the check's school step is approved. Every entry is checked
// before anything is written (a student of another school, one not
// enrolled, a finding that is none, a student named twice: 422 naming the
// entry). A stop between the follow-ups and the approval leaves the check
// open: confirming again finds the follow-ups and approves.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

Response open_roster_checks(Services& services, const Request& request, Context& ctx);
Response confirm_roster(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
