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

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "actors/runtime.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace boost::asio {
class thread_pool;
}

namespace xueji::http {

struct Route;

class Api {
 public:
  // `stores` read through a shared pool; every write goes through the
  // runtime's journal. `simulated_clock` is the virtual clock when the
  // server runs simulated, else null.
  // `long_workers` run the routes flagged kLong (route_table.h), at most
  // that many at once; the rest of them queue there, not on the server's
  // handler threads.
  Api(Runtime& engine, Stores stores, std::shared_ptr<VirtualClock> simulated_clock,
      AccountSettings accounts = {}, int long_workers = 4);
  // Waits for the answers still owed (drain).
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Every request, with the Idempotency-Key of a POST honoured and the
  // request counted for /metrics. The route runs on the calling thread (a
  // long route on a long worker, the calling thread going on at once);
  // the request's own audit entry (a read's, a refusal's) commits without
  // holding it, and `reply` is called once that entry is durable, on one
  // of the engine's threads (issue 17: no thread waits for it).
  void handle(const Request& request, Reply reply);
  // The same, waiting for the answer.
  Response handle(const Request& request);

  // Whether handle(request) would neither block nor run long on the
  // calling thread (ServerOptions::never_waits): its route blocks on
  // nothing (kNeverWaits: an opening, a decision, a withdrawal), it
  // carries no Idempotency-Key
  // (whose record is read first) and its caller is known from memory
  // (authenticates_from_memory). A use that stops being settled between
  // this answer and the request's run (the day turned) is asked of the
  // account's actor, which holds the calling thread for that round trip.
  bool never_waits(const Request& request);

  // Waits, at most `limit`, until every answer handed to the engine has
  // come back (or the engine dropped it), then lets the follow-up workers
  // go: the engine's callbacks reach into this Api, and its workers hold
  // engine state, so `xueji serve` drains it before stopping the engine.
  // No request is taken after it.
  void drain(std::chrono::milliseconds limit = std::chrono::seconds(60));

  // Lets the yearly promotion run by itself: moving the simulated clock
  // stops at each province's date to run it (auto_promotion.h). Off (null)
  // until set.
  void set_auto_promotion(std::shared_ptr<AutoPromotion> promotions) {
    services_.promotions = std::move(promotions);
  }
  // Shows the owed archive steps' sweep on /metrics (xueji_archive_steps_owed).
  // Off (null) until set.
  void set_archive_sweep(std::shared_ptr<const ArchiveDutySweep> sweep) {
    services_.archive_sweep = std::move(sweep);
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
  // What a /v1 request leaves for its end: the answer, and the audit entry
  // that must be durable before it leaves (none when the change carried
  // it, or when the request was turned away before any entry).
  struct Pending {
    Response response;
    std::optional<AuditEntry> entry;
    bool challenge = true;  // a 401 names the scheme (challenge_if_unauthorized)
  };
  // The request from its route on, on the thread that runs the route.
  void run(const Request& request, const Route* route, std::vector<std::string> args,
           std::chrono::steady_clock::time_point started, Reply reply);
  // A /v1 request (`route` null when none matched): authenticated and run,
  // its Pending handed to `done` once the route has answered (at once, or
  // later on an engine thread for a route that answers later).
  void handle_v1(const Request& request, const Route* route, std::vector<std::string> args,
                 std::function<void(Pending)> done);
  // The route's `response` to the request of `ctx`, with the anonymous
  // bucket charged or refunded (`spent`: charged already) and the audit
  // entry it still needs.
  Pending conclude(Context& ctx, bool spent, Response response);
  // The answer's last steps: its language, /metrics, the log line.
  void finish(const Request& request, const Route* route,
              std::chrono::steady_clock::time_point started, Response& response);

  // Counts the answers the engine owes: one per request whose audit entry
  // is committing, for as long as its callback lives.
  struct OwedAnswers {
    std::mutex mutex;
    std::condition_variable changed;
    int count = 0;
  };
  std::shared_ptr<void> owe();

  Services services_;
  bool request_log_ = false;
  std::shared_ptr<OwedAnswers> owed_ = std::make_shared<OwedAnswers>();
  // Services::follow_up's workers; joined by drain.
  std::unique_ptr<boost::asio::thread_pool> follow_ups_;
  // The kLong routes' workers; joined by drain.
  std::unique_ptr<boost::asio::thread_pool> long_runs_;
};

}  // namespace xueji::http
