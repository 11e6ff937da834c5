#include "adapters/http/api.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <future>
#include <optional>

#include "adapters/http/authentication.h"
#include "adapters/http/idempotency.h"
#include "adapters/http/log_line.h"
#include "adapters/http/problem.h"
#include "adapters/http/problem_language.h"
#include "adapters/http/route_capabilities.h"
#include "adapters/http/route_table.h"
#include "adapters/store/connection_pool.h"
#include "engine/account/capability.h"

namespace xueji::http {
namespace {

// The outcome an audit entry records: "ok", or the refusal's problem code.
std::string outcome_of(const Response& response) {
  if (response.status < 400) return "ok";
  return problem_code(response).value_or("status_" + std::to_string(response.status));
}

// The route's name in the metrics and the log: the route table's
// operation ("case.open"), the probe's path ("metrics"), "console" for the
// console's files, "unknown" when no route matched; never the raw path,
// whose ids would make a series per case.
std::string route_name(const Route* route) {
  if (route == nullptr) return "unknown";
  if (route->action[0] != '\0') return route->action;
  if (route->pattern.empty() || route->pattern[0].empty() || route->pattern[0] == "console") {
    return "console";
  }
  return route->pattern[0];
}

}  // namespace

Api::Api(Runtime& engine, Stores stores, std::shared_ptr<VirtualClock> simulated_clock,
         AccountSettings accounts, int long_workers)
    : services_{engine,
                std::move(stores),
                std::move(simulated_clock),
                std::move(accounts),
                {},
                nullptr,
                {},
                nullptr,
                std::nullopt,
                nullptr,
                nullptr} {
  services_.throttle = std::make_shared<Throttle>(services_.accounts.throttle);
  // A few: they take only the follow-ups that block (an idempotent
  // refusal's record, an approval's archive step, an opening's reads), not
  // the engine's waits. Twice the shipped read connections: a read holds
  // one, an archive step waiting on the engine none.
  follow_ups_ = std::make_unique<boost::asio::thread_pool>(8);
  services_.follow_up = [this](std::function<void()> work) {
    boost::asio::post(*follow_ups_, [work = std::move(work), owed = owe()] { work(); });
  };
  long_runs_ = std::make_unique<boost::asio::thread_pool>(std::max(long_workers, 1));
}

Api::~Api() { drain(); }

std::shared_ptr<void> Api::owe() {
  {
    std::lock_guard<std::mutex> lock(owed_->mutex);
    ++owed_->count;
  }
  return std::shared_ptr<void>(nullptr, [owed = owed_](void*) {
    std::lock_guard<std::mutex> lock(owed->mutex);
    --owed->count;
    owed->changed.notify_all();
  });
}

void Api::drain(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(owed_->mutex);
  if (!owed_->changed.wait_for(lock, limit, [this] { return owed_->count == 0; })) {
    log_line(LogLevel::error, "answers still owed at shutdown", {{"owed", owed_->count}});
  }
  lock.unlock();
  // A worker that waited on the engine keeps a reference the engine's end
  // waits for (CAF's thread-local logger): the workers go before it.
  follow_ups_->join();
  long_runs_->join();
}

void Api::handle(const Request& r, Reply reply) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> args;
  const Route* route = find_route(r.method, split_path(r.target), args);
  if (route != nullptr && (route->flags & kLong) != 0) {
    // Issue 17: the calling thread goes back to the server's handlers; the
    // route waits its turn among the long workers, its request copied
    // (the caller's lives only for this call).
    boost::asio::post(*long_runs_,
                      [this, request = std::make_shared<Request>(r), route, args = std::move(args),
                       started, reply = std::move(reply), owed = owe()]() mutable {
                        RequestIdScope named(request->id);
                        try {
                          run(*request, route, std::move(args), started, reply);
                        } catch (const std::exception& e) {
                          reply(thrown(e));  // as the server answers: a worker must not die
                        }
                      });
    return;
  }
  run(r, route, std::move(args), started, std::move(reply));
}

void Api::run(const Request& r, const Route* route, std::vector<std::string> args,
              std::chrono::steady_clock::time_point started, Reply reply) {
  // The request's reads queue for the read pool as of its start.
  store::ConnectionPool::Seniority senior(started);
  // What the answer's last steps read of the request: not its body.
  auto head = std::make_shared<Request>();
  head->method = r.method;
  head->target = r.target;
  head->headers = r.headers;
  head->peer = r.peer;
  head->id = r.id;
  auto answer = [this, head, route, started, reply = std::move(reply)](Response response) {
    finish(*head, route, started, response);
    reply(std::move(response));
  };
  if (route != nullptr && (route->flags & kProbe) != 0) {
    Context unaudited;
    return answer(route->handler(services_, r, unaudited));
  }
  handle_v1(r, route, std::move(args), [this, answer](Pending pending) {
    if (!pending.entry) {
      if (pending.challenge) challenge_if_unauthorized(pending.response);
      return answer(std::move(pending.response));
    }
    // Every operation leaves a trace, reads and refusals included: no
    // answer leaves before its entry is durable. The entry joins the
    // writer's next group commit; this thread goes on to the next request.
    Transition entry;
    entry.audit.push_back(std::move(*pending.entry));
    services_.engine.commit_async(
        std::move(entry),
        [answer, owed = owe(), response = std::move(pending.response)](Status recorded) mutable {
          if (!recorded) {
            return answer(problem(503, "store_failed",
                                  "the request could not be recorded on the audit trail: " +
                                      recorded.error().message));
          }
          challenge_if_unauthorized(response);
          answer(std::move(response));
        });
  });
}

bool Api::never_waits(const Request& r) {
  std::vector<std::string> args;
  const Route* route = find_route(r.method, split_path(r.target), args);
  if (route == nullptr || (route->flags & kNeverWaits) == 0) return false;
  if (carries_idempotency_key(r)) return false;
  return authenticates_from_memory(r, services_.stores.credentials, services_.engine,
                                   services_.engine.data()->clock->now());
}

Response Api::handle(const Request& r) {
  std::promise<Response> answered;
  auto answer = answered.get_future();
  handle(r, [&answered](Response response) { answered.set_value(std::move(response)); });
  return answer.get();
}

void Api::finish(const Request& r, const Route* route,
                 std::chrono::steady_clock::time_point started, Response& response) {
  RequestIdScope named(r.id);
  localise_problem(response, r, [this](const std::string& code) {
    const Org* org = services_.engine.data()->orgs.find(code);
    return org == nullptr ? std::string() : org->name;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string name = route_name(route);
  services_.requests.record(name, r.method, response.status, seconds);
  if (request_log_) {
    log_line(LogLevel::info, "request",
             {{"method", r.method},
              {"route", name},
              {"status", response.status},
              {"ms", static_cast<double>(static_cast<int64_t>(seconds * 100000)) / 100}});
  }
}

void Api::handle_v1(const Request& r, const Route* route, std::vector<std::string> args,
                    std::function<void(Pending)> done) {
  auto shared = std::make_shared<Context>();
  Context& ctx = *shared;
  ctx.at = services_.engine.data()->clock->now();
  ctx.args = std::move(args);
  ctx.client = services_.throttle->client_of(r);
  // A request without a valid token spends from its client address's
  // bucket (anonymous_rate_limit.h): an open route before it runs (no
  // password is hashed for it), any other once its token failed (conclude).
  // Refused, it is answered here, before its audit entry is written, so
  // nobody can grow the audit trail without bound; /metrics counts it.
  bool spent = false;
  if (route == nullptr) {
    ctx.action = "unknown";
    ctx.target = r.method + " " + r.target.substr(0, r.target.find('?'));
    return done(
        conclude(ctx, spent, problem(404, "not_found", "no route " + r.method + " " + r.target)));
  }
  ctx.action = route->action;
  ctx.target = route->target + (ctx.args.empty() ? std::string() : ctx.args[0]);
  const bool open = (route->flags & kOpen) != 0;
  if (open) {
    spent = true;
    if (const int wait = services_.throttle->anonymous.take(ctx.client); wait != 0) {
      return done({rate_limited(ctx.client, wait), std::nullopt, false});
    }
  } else {
    auto account = authenticate(r, ctx, services_.stores.credentials, services_.engine);
    if (!account) return done(conclude(ctx, spent, from_error(account.error())));
    ctx.account = std::move(*account);
  }
  // Issue 18: an account limited to named actions is refused here,
  // before the route runs, so nothing changes; the refusal is audited.
  Status capable =
      ctx.account ? may_use(*ctx.account, capability_for_action(ctx.action)) : Status();
  if (!capable) return done(conclude(ctx, spent, from_error(capable.error())));
  const bool keyed = (route->flags & kNoReplay) == 0 && carries_idempotency_key(r);
  // A write queued before the barrier has settled once it returns.
  auto settle = [this] { return services_.engine.commit(Transition{}); };
  if (route->answers_later == nullptr) {
    auto run = [&] { return route->handler(services_, r, ctx); };
    return done(
        conclude(ctx, spent,
                 keyed ? with_idempotency(services_.stores.answers, r, ctx, run, settle) : run()));
  }
  if (keyed) {
    if (auto early = reserve_idempotency(services_.stores.answers, r, ctx, settle)) {
      return done(conclude(ctx, spent, std::move(*early)));
    }
  }
  // The handler thread goes on to the next request; the route answers on
  // an engine thread, and a completion that writes moves to a follow-up.
  route->answers_later(
      services_, r, shared,
      [this, shared, spent, keyed, done = std::move(done), owed = owe()](Response response) {
        if (!keyed) return done(conclude(*shared, spent, std::move(response)));
        auto complete = [this, shared, spent, done](Response answer) {
          done(
              conclude(*shared, spent,
                       complete_idempotency(services_.stores.answers, *shared, std::move(answer))));
        };
        if (!completion_writes(*shared, response)) return complete(std::move(response));
        services_.follow_up([complete, response = std::move(response)]() mutable {
          complete(std::move(response));
        });
      });
}

Api::Pending Api::conclude(Context& ctx, bool spent, Response response) {
  // Issue 18: a token that could not be checked because the store or the
  // engine is down is no stranger's; nor is a request on an open route
  // that the store could not answer. 503 with Retry-After, and not charged:
  // an outage must not turn into 429s.
  const bool unanswerable = response.status == 503;
  if (spent && unanswerable) services_.throttle->anonymous.refund(ctx.client);
  if (!ctx.account && !spent && !unanswerable) {
    if (const int wait = services_.throttle->anonymous.take(ctx.client); wait != 0) {
      return {rate_limited(ctx.client, wait), std::nullopt, false};
    }
  }
  // An outcome not known: the request's entry rides with its change, which
  // may yet commit; recording a second one would also hide the answer.
  if (response.status == 503 && problem_code(response) == "outcome_unknown") ctx.recorded = true;
  Pending pending{std::move(response), std::nullopt, true};
  if (!ctx.recorded) pending.entry = ctx.entry(outcome_of(pending.response));
  return pending;
}

}  // namespace xueji::http
