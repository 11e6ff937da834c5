#pragma once
// What a server that does not run the engine answers (a hot standby pair,
// docs/operations.md "A hot standby"): a standby waiting for the lease, or
// a server that lost it. /healthz: 200, the process answers. /metrics: 200,
// xueji_engine_active 0 and why. /readyz: 503, not ready, with the reason.
// Anything else: 503 problem+json whose detail names the active server,
// with Retry-After; nothing is read or written.

#include <string>

#include "adapters/http/http_server.h"

namespace xueji::http {

// `reason`: "standby", "lease_lost" or "taking_over" (the lease taken, the
// engine loading); `active`: the active server's
// advertised address, "" when none is known (a takeover under way).
Response standby_answer(const Request& request, const std::string& reason,
                        const std::string& active, int retry_after_seconds);

}  // namespace xueji::http
