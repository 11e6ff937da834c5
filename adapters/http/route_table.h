#pragma once
// The route table: every path the API answers, its method, its handler and
// the action its audit entry records. The one place to look up what a
// request runs (docs/api/openapi.yaml describes the same routes).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

using RouteHandler = Response (*)(Services& services, const Request& request, Context& ctx);

// Takes a route's answer: called once, from any thread.
using Answer = std::function<void(Response)>;
// A route that hands its engine command on instead of waiting for it
// (issue 17: no handler thread waits on a case). It reads the request on
// the calling thread only, and answers through `answer` once, on an engine
// thread or the calling one; `ctx` lives until then. It must not block on
// the engine's thread: a blocking follow-up goes to Services::follow_up.
using AsyncRouteHandler = void (*)(Services& services, const Request& request,
                                   std::shared_ptr<Context> ctx, Answer answer);

enum RouteFlags : unsigned {
  kNeedsToken = 0,
  // Open to callers without a token: signing in; changing an expired password.
  kOpen = 1,
  // Its answer holds a secret (a bearer token) or a credential went in: it
  // is never recorded as an idempotent answer, where it would sit in plain
  // text. A retried POST runs again.
  kNoReplay = 2,
  // An operational probe (/healthz, /readyz, /metrics): it carries no data
  // about anyone, so it is open, unaudited and outside /v1.
  kProbe = 4,
  // A run over many rows that may take seconds (a batch of registrations, a
  // promotion, a school's merger, a reload): it runs on the Api's long
  // workers, so a September morning's uploads never hold the threads that
  // answer reads and single requests (issue 17).
  kLong = 8,
  // Its handler blocks on nothing: it hands its command to the engine (a
  // decision, a withdrawal), or its reads to Services::follow_up and a
  // lookup shared with others (an opening, StudentLookups::find_async).
  // Such a request whose caller is known from memory runs on the I/O
  // worker that read it (Api::never_waits).
  kNeverWaits = 16,
};

struct Route {
  const char* method;
  // Path segments; "{}" matches one non-empty segment, passed on as an
  // argument in ctx.args.
  std::vector<std::string> pattern;
  const char* action;  // the audit entry's action; "" for a probe
  const char* target;  // prefix of the audit target; the first argument follows
  unsigned flags;
  RouteHandler handler;  // null for a route that answers later
  AsyncRouteHandler answers_later = nullptr;
};

// The path of a request target, without its query, split at '/'.
std::vector<std::string> split_path(const std::string& target);

// The route for `method` and the path's segments, with the segments its
// "{}" matched in `args`; null when no route matches.
const Route* find_route(const std::string& method, const std::vector<std::string>& parts,
                        std::vector<std::string>& args);

}  // namespace xueji::http
