#pragma once
// The gateway: the way in for callers that must not block (the HTTP
// adapter's case commands and commits: Runtime::request_async,
// open_new_async, submit, commit_async). It takes each to the directory or
// to the writer and calls back with the answer. A bounded request, and
// every commit, is answered "outcome_unknown" once reply_seconds pass
// without its durable answer (issue 18: it may still commit); the waits
// are the gateway's own (actors/reply_deadlines.h), not CAF's clock's.

#include <caf/all.hpp>

#include "actors/messages.h"
#include "actors/writer_actor.h"

namespace xueji {

// reply_seconds 0: every answer is waited for as long as it takes.
gateway_actor spawn_gateway(caf::actor_system& system, directory_actor directory,
                            writer_actor writer, int reply_seconds);

// The error for a request that got no durable answer: `timeout_code` for a
// wait that ran out (a request that timed out was handed on and may still
// commit, hence "outcome_unknown" by default), "engine_unavailable" else.
Error no_answer(caf::actor_system& system, const caf::error& e,
                const char* timeout_code = "outcome_unknown");

// The answer of a wait that ran out before the durable answer came.
Error no_answer_in_time(const char* timeout_code = "outcome_unknown");

}  // namespace xueji
