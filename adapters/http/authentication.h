#pragma once
// Who a /v1 request comes from: the bearer token in its Authorization
// header names an account. Every failure is a 401 answer, and every 401
// carries the challenge that tells a client to sign in.

#include "actors/runtime.h"
#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/store/credential_store.h"
#include "engine/core/result.h"

namespace xueji::http {

// The account the request's token names, as its actor answers after
// taking the use (a sealed account is refused there). "unauthenticated"
// without a bearer token; "invalid_token" for a token Xueji did not issue,
// a revoked one or one whose account is gone; "token_expired". Once the
// token is found, ctx.claimed names its account, so that a refusal's audit
// entry says whose token it was.
Result<Account> authenticate(const Request& request, Context& ctx,
                             store::CredentialStore& credentials, Runtime& engine);

// Whether authenticate() would settle `request` at `at` from memory alone:
// without a bearer token, or with one whose record the credential store
// keeps and whose account's use the engine would answer without its
// actor (Runtime::use_is_settled). Otherwise it reads the store or asks
// an actor, and waits.
bool authenticates_from_memory(const Request& request, store::CredentialStore& credentials,
                               Runtime& engine, Instant at);

// Adds the Bearer challenge to a 401 answer (RFC 6750); others pass.
void challenge_if_unauthorized(Response& response);

}  // namespace xueji::http
