#pragma once
// The org routes: the lists an org works from. Each is refused for an org
// that does not exist (404) or that the caller may not read (403), then
// answers one page (page_cursor.h): `limit` and `cursor` from the query
// (400 invalid_limit / invalid_cursor naming them), the rows under the
// list's name, `has_more` and `next_cursor` (null on the last page).

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// GET /v1/orgs/{org}/notices: the notices addressed to the org, by (at, id).
Response notices(Services& services, const Request& request, Context& ctx);
// GET /v1/orgs/{org}/pending: the steps the org holds now, by (holder_due,
// case id).
Response pending(Services& services, const Request& request, Context& ctx);
// GET /v1/orgs/{org}/overdue: steps of the org and its whole subtree whose
// party's own deadline has passed, whoever holds them now, by (due, case id).
Response overdue(Services& services, const Request& request, Context& ctx);
// GET /v1/orgs/{org}/cases: the open cases whose active step's party is the
// org or lies in its subtree, whoever holds them now, by (due, case id):
// the overdue list without its cut, items as pending's.
Response org_open_cases(Services& services, const Request& request, Context& ctx);
// GET /v1/orgs/{org}/dropout-ledger: the dropout follow-ups (Art. 17, 25)
// open in the org's subtree, soonest due first, in pages, each with the
// student, the school's finding, the term and its whole history.
Response dropout_ledger(Services& services, const Request& request, Context& ctx);
// GET /v1/orgs/{org}/students: the roster, every record (any status) whose
// school is the org or lies in its subtree, by registration number; items
// as GET /v1/students/{number} begins (student_json).
Response roster(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
