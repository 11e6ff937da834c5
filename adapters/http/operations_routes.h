#pragma once
// The operational probes: liveness, readiness and metrics for whoever runs
// the server. They carry no data about anyone, so they are open and
// unaudited (kProbe in route_table.h); `ctx` is unused.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// GET /healthz: the process answers.
Response healthz(Services& services, const Request& request, Context& ctx);
// GET /readyz: the store answers too (503 when it does not).
Response ready(Services& services, const Request& request, Context& ctx);
// GET /metrics: requests so far and the engine's backlog (metrics.h); 503
// when the store cannot be read.
Response metrics(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
