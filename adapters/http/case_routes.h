#pragma once
// The case routes: opening a case, reading it or its progress, deciding a
// step and withdrawing. A case the caller may not read (see
// engine/account/jurisdiction.h) is refused before anything else about it
// is told.

#include <memory>

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/route_table.h"
#include "adapters/http/services.h"

namespace xueji::http {

// The stored case `id` if the caller may read it; else "unknown_case" or
// the refusal (engine/account/jurisdiction.h).
Result<CaseState> readable_case(Services& s, const std::string& id, const Context& ctx);

// The three that change a case answer later (route_table.h): the engine
// decides while no handler thread waits.
// POST /v1/cases: for a registered student or an unregistered child.
void open_case(Services& services, const Request& request, std::shared_ptr<Context> ctx,
               Answer answer);
// GET /v1/cases/{id}: the case with its history.
Response get_case(Services& services, const Request& request, Context& ctx);
// GET /v1/cases/{id}/progress: what the family may see.
Response progress(Services& services, const Request& request, Context& ctx);
// POST /v1/cases/{id}/decisions: the caller's org decides its step.
void decide(Services& services, const Request& request, std::shared_ptr<Context> ctx,
            Answer answer);
// POST /v1/cases/{id}/withdraw
void withdraw(Services& services, const Request& request, std::shared_ptr<Context> ctx,
              Answer answer);

}  // namespace xueji::http
