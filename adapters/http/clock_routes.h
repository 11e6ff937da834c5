#pragma once
// The clock route: moving the simulated clock, which only exists when the
// server runs simulated (a demo, a rehearsal, the tests).

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/clock/advance: moves the simulated clock to `to` and fires the
// timers it passes; 404 on the system clock.
Response advance_clock(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
