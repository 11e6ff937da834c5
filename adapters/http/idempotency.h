#pragma once
// Idempotency-Key on POST: a retried request with the same key and the same
// content gets the first answer and changes nothing; the same key with
// different content is refused (422); a key whose first request is still
// running is 409. Keys are the caller's own: another account's key is
// another key.

#include <functional>
#include <optional>

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

// The same in two halves, for a route that answers later (issue 17: it
// does not hold a thread while the engine decides). `reserve_idempotency`
// claims and reserves the key: none when the request is to run, else the
// answer to give at once (a replay, a refusal), the key let go.
std::optional<Response> reserve_idempotency(store::IdempotencyStore& answers,
                                            const Request& request, Context& ctx,
                                            const std::function<Status()>& settle);
// Whether completing `response` writes to the store: false when its answer
// was committed with its change (ctx.answer_recorded) or its outcome is
// not known, so the completion may run on an engine thread.
bool completion_writes(const Context& ctx, const Response& response);
// Records `response` as the key's answer (or releases the key), lets the
// key go here and returns the answer to give.
Response complete_idempotency(store::IdempotencyStore& answers, const Context& ctx,
                              Response response);

}  // namespace xueji::http
