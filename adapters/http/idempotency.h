#pragma once
// Idempotency-Key on POST: a retried request with the same key and the same
// content gets the first answer and changes nothing; the same key with
// different content is refused (422); a key whose first request is still
// running is 409. Keys are the caller's own: another account's key is
// another key.

#include <functional>

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/store/idempotency_store.h"

namespace xueji::http {

// Whether the request asks for its answer to be kept and replayed.
bool carries_idempotency_key(const Request& request);

// Reserves the request's key, runs `handler` and records its answer, or
// replays the answer recorded for the key. Sets ctx.idempotency_key before
// `handler` runs, so a route that commits can record the answer in the
// same transaction as its change. A 5xx answer releases the key, so that
// a retry after a transient failure can succeed; but a 503
// "outcome_unknown" (the change may yet commit, with its answer) keeps it
// reserved. A retry of a key reserved and not running here first waits on
// `settle` (every write queued before it has then committed or failed),
// then replays the answer if one committed, or runs the request again.
Response with_idempotency(store::IdempotencyStore& answers, const Request& request, Context& ctx,
                          const std::function<Response()>& handler,
                          const std::function<Status()>& settle);

}  // namespace xueji::http
