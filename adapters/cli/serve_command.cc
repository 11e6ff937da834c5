// `xueji serve`: the HTTP/JSON server. Loads the rules, calendars and org
// tree, migrates and seeds the store, starts the case engine and listens
// until SIGTERM or SIGINT, then drains in-flight requests and exits cleanly.
// SIGHUP reloads the rules and calendars (actors/domain_reload.h).

#include <signal.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "actors/archive_duty_sweep.h"
#include "actors/expiry_sweep.h"
#include "actors/runtime.h"
#include "adapters/cli/command_line.h"
#include "adapters/cli/config_where.h"
#include "adapters/cli/lease_keeper.h"
#include "adapters/cli/reload_signal.h"
#include "adapters/cli/server_settings.h"
#include "adapters/cli/standby_config.h"
#include "adapters/cli/standing_by.h"
#include "adapters/cli/throttle_config.h"
#include "adapters/http/api.h"
#include "adapters/http/auto_promotion.h"
#include "adapters/http/log_line.h"
#include "adapters/http/notice_text.h"
#include "adapters/http/school_hand_over_run.h"
#include "adapters/http/standby_answer.h"
#include "adapters/http/webhook_dispatcher.h"
#include "adapters/store/demo_accounts.h"
#include "adapters/store/ended_tokens.h"
#include "adapters/store/migrator.h"
#include "adapters/store/sql_journal.h"
#include "adapters/store/statistics_backfill.h"

namespace xueji::cli {
namespace {

struct ServeOptions {
  std::string config = "config/xueji.yaml";
  std::string db;
  std::string listen;
  std::string orgs;
  std::string clock = "system";
  std::string start;
  // Off: no province's promotion runs by itself (Art. 7), neither at its
  // date nor caught up at start; for a deployment importing a cohort that
  // was already promoted. POST /v1/promotions still runs one.
  bool no_auto_promotion = false;
  // Seconds a client has to send its headers; 0: the configuration's.
  int header_timeout = 0;
};

ServerSettings read_settings(const ServeOptions& options) {
  ServerSettings s = read_server_settings(resolve_project_path(options.config));
  if (!options.db.empty()) s.db = options.db;
  if (!options.listen.empty()) s.listen = options.listen;
  if (!options.orgs.empty()) s.orgs = options.orgs;
  if (options.header_timeout != 0) s.header_timeout_seconds = options.header_timeout;
  if (s.standby.advertise.empty()) s.standby.advertise = "http://" + s.listen;
  return s;
}

// What `forget` holds older than `keep_days` forgotten at start, then
// hourly (expiry_sweep.h), each sweep that forgot any logged as `what`.
std::unique_ptr<ExpirySweep> start_expiry(ExpirySweep::Forget forget, std::shared_ptr<Clock> clock,
                                          int keep_days, const std::string& what) {
  auto expiry = std::make_unique<ExpirySweep>(
      std::move(forget), [clock] { return clock->now(); }, keep_days);
  expiry->start(3600, [what](const Result<int64_t>& swept) {
    if (swept) {
      http::log_line(http::LogLevel::info, what + " forgotten", {{"forgotten", *swept}});
    } else {
      http::log_line(http::LogLevel::warn, what + " not forgotten, tried again later",
                     {{"error", swept.error().message}});
    }
  });
  return expiry;
}

void serve(const ServeOptions& options) {
  const ServerSettings settings = read_settings(options);
  const auto colon = settings.listen.rfind(':');
  if (colon == std::string::npos)
    throw UsageError("--listen wants HOST:PORT, not " + settings.listen);
  const std::string host = settings.listen.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(settings.listen.substr(colon + 1));
  } catch (const std::exception&) {
    throw UsageError("--listen wants HOST:PORT, not " + settings.listen);
  }

  std::shared_ptr<Clock> clock;
  std::shared_ptr<VirtualClock> simulated;
  if (options.clock == "simulated") {
    auto start = Instant::parse(options.start);
    if (!start) throw UsageError("--start: " + start.error().message);
    simulated = std::make_shared<VirtualClock>(*start);
    clock = simulated;
  } else if (options.clock == "system") {
    clock = std::make_shared<SystemClock>();
  } else {
    throw UsageError("--clock is system or simulated, not " + options.clock);
  }
  const DomainPaths paths{resolve_project_path(settings.rules),
                          resolve_project_path(settings.calendars),
                          resolve_project_path(settings.orgs)};
  auto data = load_domain(paths, clock);
  if (!data) throw UsageError(data.error().message);
  http::AccountSettings accounts = settings.accounts;

  // Block the stop signals and SIGHUP in every thread; this one waits for
  // them. A SIGHUP while standing by waits until the engine runs.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigset_t waited = stop_signals;
  sigaddset(&waited, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &waited, nullptr);

  auto seed = store::SqlJournal::open(settings.db);
  if (!seed) throw UsageError(seed.error().message);
  auto migrated = store::migrate((*seed)->connection(), resolve_project_path(settings.migrations));
  if (!migrated) throw UsageError(migrated.error().message);
  // A hot standby pair (lease_keeper.h): until the lease is this server's
  // it answers 503 naming the active one, and nothing below runs, the
  // start's own writes included. Losing the lease stops it (SIGTERM to
  // itself: drained, exit 75) for its supervisor to restart as a standby.
  std::unique_ptr<LeaseKeeper> keeper;
  std::atomic<http::Api*> live{nullptr};
  auto handler = [&](const http::Request& request, http::Reply reply) {
    const int retry = std::max(1, settings.standby.ttl_ms / 1000);
    if (keeper && !keeper->active()) {
      return reply(http::standby_answer(request, keeper->lost() ? "lease_lost" : "standby",
                                        keeper->active_address(), retry));
    }
    http::Api* api = live.load();
    if (api == nullptr) return reply(http::standby_answer(request, "taking_over", "", retry));
    api->handle(request, std::move(reply));
  };
  http::ServerOptions server_options;
  server_options.header_timeout = std::chrono::seconds(settings.header_timeout_seconds);
  server_options.body_timeout = std::chrono::seconds(settings.body_timeout_seconds);
  server_options.handler_threads = settings.handler_threads;
  // Issue 17: a decision whose caller is known from memory runs on the
  // I/O worker that read it (ServerOptions::never_waits).
  server_options.never_waits = [&](const http::Request& request) {
    http::Api* api = live.load();
    return api != nullptr && (!keeper || keeper->active()) && api->never_waits(request);
  };
  Result<std::unique_ptr<http::HttpServer>> server = make_error("store_failed", "not started");
  std::optional<Takeover> takeover;
  if (settings.standby.enabled) {
    keeper = LeaseKeeper::start(settings.db, settings.standby, [] { kill(getpid(), SIGTERM); });
    server = http::HttpServer::start_async(host, port, handler, server_options);
    if (!server) throw UsageError(server.error().message);
    std::printf("xueji: standby on http://%s:%d until the engine lease is free\n", host.c_str(),
                (*server)->port());
    std::fflush(stdout);
    takeover = stand_by(*keeper, settings.db, settings.standby.renew_ms, stop_signals);
    if (!takeover) {
      (*server)->stop();
      return;
    }
  }
  // An upgraded database's figures, before any transition adds to them.
  auto counted = store::backfill_statistics((*seed)->connection(), (*data)->context());
  if (!counted) throw UsageError(counted.error().message);
  auto seeded = store::seed_orgs((*seed)->connection(), (*data)->orgs);
  if (!seeded) throw UsageError(seeded.error().message);
  // Art. 12: the org file, then every school opened, renamed, merged or closed since.
  auto org_changes = store::read_org_changes((*seed)->connection());
  if (!org_changes) throw UsageError(org_changes.error().message);
  auto tree = store::tree_with_changes((*data)->orgs, *org_changes);
  if (!tree) throw UsageError(tree.error().message);
  (*data)->orgs = std::move(*tree);
  auto pool = store::ConnectionPool::open(settings.db, settings.read_connections);
  if (!pool) throw UsageError(pool.error().message);
  http::Stores stores(*pool);
  if (keeper) stores.answers.fence_with(keeper->fence());
  if (settings.demo_accounts) {
    auto demo = store::seed_demo_accounts(**seed, stores.reads, (*data)->orgs, accounts.argon2,
                                          clock->now());
    if (!demo) throw UsageError(demo.error().message);
    if (*demo > 0) {
      std::printf("xueji: seeded %d demo accounts (reg.<org>, admin.<org>; password %s)\n", *demo,
                  store::kDemoPassword);
    }
  }
  // A key still "in progress" from before this start belongs to a request
  // that never committed (its answer would have committed with it): free it.
  auto released = stores.answers.release_abandoned_answers();
  if (!released) throw UsageError(released.error().message);

  RuntimeOptions runtime_options;
  runtime_options.idle_seconds = settings.idle_seconds;
  runtime_options.reply_seconds = settings.reply_seconds;
  runtime_options.engine_threads = settings.engine_threads;
  runtime_options.engine_polls = settings.engine_polls;
  runtime_options.writer_connections = settings.writer_connections;
  // Art. 6, 7: after a term's intake, a million archive steps owed; the
  // server serves while they open, and says when they are.
  runtime_options.open_left_duties_in_background = true;
  // A fault of the code in one record's actor: that record reloads from
  // the store at its next message, the others go on; the log says which.
  runtime_options.actor_failed = [](const std::string& directory, const std::string& id,
                                    const std::string& why) {
    http::log_line(http::LogLevel::error, "actor failed and dropped",
                   {{"directory", directory}, {"id", id}, {"error", why}});
  };
  // Art. 21, 12, 16, 17: a closed record ends the student's other cases,
  // and a case's commit may owe them a follow-up. What the store kept from
  // reaching them now is retried (actors/messages.h); the log says so at
  // once, where nothing else would until the next start.
  runtime_options.cases_not_reached = [](const std::string& subject, const std::string& by,
                                         const std::string& why) {
    http::log_line(http::LogLevel::warn, "a record's other cases not reached now",
                   {{"subject", subject}, {"by_case", by}, {"error", why}});
  };
  runtime_options.left_duties_opened = [](const LeftDutiesOpened& done) {
    if (!done.status) {
      http::log_line(http::LogLevel::warn, "owed archive steps not all opened after start",
                     {{"taken", done.taken}, {"error", done.status.error().message}});
    } else if (done.taken > 0) {
      http::log_line(http::LogLevel::info, "owed archive steps opened after start",
                     {{"taken", done.taken}, {"owed", done.owed}});
    }
  };
  auto engine =
      Runtime::start(runtime_options, *data,
                     store::sql_journal_factory(settings.db, keeper ? keeper->fence() : nullptr),
                     takeover ? std::move(takeover->case_wakes) : std::nullopt);
  if (!engine) throw UsageError(engine.error().message);
  std::unique_ptr<http::WebhookDispatcher> webhooks;
  if (!settings.webhooks.empty()) {
    http::WebhookOptions hook_options;
    hook_options.urls = settings.webhooks;
    hook_options.secrets = settings.webhook_secrets;
    Runtime* running = engine->get();
    hook_options.delivered = [running] { running->backlog().delivered(1); };
    hook_options.text_for_people = [running](const Notice& n) {
      return http::notice_in_chinese(n, running->data()->orgs);
    };
    for (const auto& [org, url] : settings.webhooks) {
      if (settings.webhook_secrets.count(org) == 0) {
        http::log_line(http::LogLevel::warn, "webhook without a secret: its POSTs are unsigned",
                       {{"org", org}});
      }
    }
    webhooks = std::make_unique<http::WebhookDispatcher>(*pool, hook_options);
  }
  // A merger's or closure's hand-over a stop cut short, finished first.
  auto handed = http::finish_hand_overs(**engine, *pool, *org_changes);
  if (!handed) throw UsageError("hand-over at start: " + handed.error().message);
  http::Api api(**engine, std::move(stores), simulated, accounts, settings.long_threads);
  api.set_console(resolve_project_path(settings.console));
  api.set_rule_paths(paths);
  // Art. 7: each province's promotion runs by itself on its date. First
  // what a stop interrupted and what passed while the server was down
  // (the catch-up window, engine/student/promotion_calendar.h).
  std::shared_ptr<http::AutoPromotion> promotions;
  if (!options.no_auto_promotion) {
    promotions = std::make_shared<http::AutoPromotion>(**engine, *pool);
    auto recovered = promotions->recover();
    if (!recovered) throw UsageError("promotion at start: " + recovered.error().message);
    // On the log (stderr), with the requests: stdout keeps its two lines.
    for (const auto& id : *recovered) {
      http::log_line(http::LogLevel::info, "promotion run at start", {{"promotion", id}});
    }
    api.set_auto_promotion(promotions);
    promotions->start_timer();
  }
  // Art. 6, 7: an archive step whose opening failed while running is not
  // left unarmed until the next restart.
  std::shared_ptr<ArchiveDutySweep> archive_sweep;
  if (settings.archive_sweep_seconds > 0) {
    archive_sweep = std::make_shared<ArchiveDutySweep>(
        **engine, store::sql_journal_factory(settings.db, keeper ? keeper->fence() : nullptr));
    archive_sweep->start(settings.archive_sweep_seconds, [](const ArchiveDutySweep::Look& look) {
      if (look.status) {
        http::log_line(http::LogLevel::info, "owed archive steps opened",
                       {{"taken", look.taken}, {"owed", look.owed}});
      } else {
        http::log_line(http::LogLevel::warn, "owed archive steps not opened, tried again later",
                       {{"error", look.status.error().message}});
      }
    });
    api.set_archive_sweep(archive_sweep);
  }
  // Idempotency-Keys' answers forgotten after idempotency_keep_days, if
  // set, and the tokens that ended token_keep_days ago (expiry_sweep.h).
  std::unique_ptr<store::IdempotencyStore> old_answers;
  std::unique_ptr<ExpirySweep> answer_expiry;
  if (settings.idempotency_keep_days > 0) {
    old_answers = std::make_unique<store::IdempotencyStore>(*pool);
    if (keeper) old_answers->fence_with(keeper->fence());
    answer_expiry = start_expiry(
        [&answers = *old_answers](Instant before, int batch) {
          return answers.forget_answers_created_before(before, batch);
        },
        clock, settings.idempotency_keep_days, "old idempotency keys");
  }
  std::unique_ptr<store::EndedTokens> ended_tokens;
  std::unique_ptr<ExpirySweep> token_expiry;
  if (settings.token_keep_days > 0) {
    ended_tokens = std::make_unique<store::EndedTokens>(*pool);
    if (keeper) ended_tokens->fence_with(keeper->fence());
    token_expiry = start_expiry(
        [&tokens = *ended_tokens](Instant before, int batch) {
          return tokens.forget_ended_before(before, batch);
        },
        clock, settings.token_keep_days, "ended tokens");
  }
  // A log line per request, with its route and request id (log_line.h).
  api.set_request_log(true);
  live = &api;
  if (!keeper) server = http::HttpServer::start_async(host, port, handler, server_options);
  if (!server) throw UsageError(server.error().message);
  std::printf("xueji: listening on http://%s:%d (store %s, rules %s, clock %s)\n", host.c_str(),
              (*server)->port(), store::redact_password(settings.db).c_str(),
              (*data)->rules.version().c_str(), options.clock.c_str());
  std::fflush(stdout);
  int signal = 0;
  for (;;) {
    sigwait(&waited, &signal);
    if (signal != SIGHUP) break;
    reload_on_signal(**engine, paths);
  }
  http::log_line(http::LogLevel::info, "draining",
                 {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*server)->stop();
  server->reset();
  // The promotion's timer stops before the engine it runs through.
  api.set_auto_promotion(nullptr);
  promotions.reset();
  api.set_archive_sweep(nullptr);
  archive_sweep.reset();  // its openings go through the engine
  answer_expiry.reset();
  webhooks.reset();
  // The engine's callbacks reach into the api: they come back (or are
  // dropped) before it stops.
  api.drain();
  engine->reset();
  const bool lost = keeper && keeper->lost();
  keeper.reset();  // the lease let go once the engine has stopped writing
  http::log_line(http::LogLevel::info, "stopped");
  if (lost) throw ExitStatus{75};  // EX_TEMPFAIL: the supervisor restarts it
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto* serve_cmd = app.add_subcommand("serve", "run the HTTP/JSON server");
  auto options = std::make_shared<ServeOptions>();
  serve_cmd->add_option("--config", options->config, "configuration file")->capture_default_str();
  serve_cmd->add_option("--db", options->db, "postgresql://... or sqlite:path");
  serve_cmd->add_option("--listen", options->listen, "HOST:PORT");
  serve_cmd->add_option("--orgs", options->orgs, "org file to seed an empty database with");
  serve_cmd->add_option("--clock", options->clock, "system or simulated")->capture_default_str();
  serve_cmd->add_option("--start", options->start, "simulated clock's start, RFC 3339");
  serve_cmd
      ->add_option("--header-timeout", options->header_timeout,
                   "seconds a client has to send its request's headers (default 10)")
      ->check(CLI::Range(1, 3600));
  serve_cmd->add_flag("--no-auto-promotion", options->no_auto_promotion,
                      "run no province's promotion by itself (Art. 7), nor catch one up at "
                      "start: for an import of an already promoted cohort");
  serve_cmd->callback([options] { serve(*options); });
}

}  // namespace xueji::cli
