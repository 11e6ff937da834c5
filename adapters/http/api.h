#pragma once
// The HTTP/JSON API over the case engine (docs/api/openapi.yaml). Each route
// turns a request into an engine command or a store read and the engine's
// answer into JSON; refusals become application/problem+json with a stable
// type, a title and a detail naming the field or rule. Nothing changes on an
// error.
//
// Every /v1 route but signing in and changing a password wants a bearer
// token (401 without a valid one), checks the caller's jurisdiction (403
// with the reason, engine/account/jurisdiction.h) and appends one entry to
// the audit trail: in the same transaction as the change it records, or
// for a read or a refusal on its own, before the answer leaves.
//
// The routes live by group (*_routes.cc) and are named in route_table.cc;
// this facade runs the pipeline around them.

#include <memory>
#include <string>
#include <vector>

#include "actors/runtime.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

struct Route;

class Api {
 public:
  // `stores` read through a shared pool; every write goes through the
  // runtime's journal. `simulated_clock` is the virtual clock when the
  // server runs simulated, else null.
  Api(Runtime& engine, Stores stores, std::shared_ptr<VirtualClock> simulated_clock,
      AccountSettings accounts = {});

  // Every request, with the Idempotency-Key of a POST honoured and the
  // request counted for /metrics.
  Response handle(const Request& request);

  // Lets the yearly promotion run by itself: moving the simulated clock
  // stops at each province's date to run it (auto_promotion.h). Off (null)
  // until set.
  void set_auto_promotion(std::shared_ptr<AutoPromotion> promotions) {
    services_.promotions = std::move(promotions);
  }
  // Lets an administrator reload the rules and calendars from `paths`
  // (rule_routes.h). Off until set: `xueji serve` sets it.
  void set_rule_paths(DomainPaths paths) { services_.rule_paths = std::move(paths); }
  // Serves the web console from `dir` at / (console_routes.h).
  void set_console(std::string dir) { services_.console_dir = std::move(dir); }
  // Writes a log line per answered request (log_line.h: method, route,
  // status, ms, request_id). Off until set: `xueji serve` sets it.
  void set_request_log(bool on) { request_log_ = on; }

 private:
  // A /v1 request (`route` null when none matched): authenticated, run and
  // audited.
  Response handle_v1(const Request& request, const Route* route, std::vector<std::string> args);

  Services services_;
  bool request_log_ = false;
};

}  // namespace xueji::http
