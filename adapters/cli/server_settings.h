#pragma once
// The server's configuration file (config/xueji.yaml, docs/operations.md):
// every key `xueji serve` reads, with its default. An unknown key or a
// value out of range is a UsageError naming the file, its line and what is
// wrong.

#include <map>
#include <string>

#include "adapters/cli/standby_config.h"
#include "adapters/http/services.h"

namespace xueji::cli {

struct ServerSettings {
  std::string db = "sqlite:data/xueji.db";
  std::string listen = "127.0.0.1:8080";
  std::string rules = "workflows";
  std::string calendars = "config/calendars";
  std::string orgs = "config/demo/orgs.yaml";
  std::string migrations = "migrations";
  std::string console = "console";  // the web console's files
  int idle_seconds = 300;
  // How often the archive steps left owed while running are looked for and
  // opened (actors/archive_duty_sweep.h); 0: only at start.
  int archive_sweep_seconds = 300;
  // How long a request waits for its durable answer before it is told
  // "outcome_unknown" (RuntimeOptions::reply_seconds).
  int reply_seconds = 30;
  // Days an Idempotency-Key's answer is kept (http/expiry_sweep.h); 0:
  // for ever, as docs/reliability.md promises by default.
  int idempotency_keep_days = 0;
  // Days a token is kept after it expired or was revoked
  // (store/ended_tokens.h); 0: for ever.
  int token_keep_days = 30;
  // A client's time for its headers, and for its body (http_server.h).
  int header_timeout_seconds = 10;
  int body_timeout_seconds = 30;
  int handler_threads = 32;    // requests run at once (ServerOptions)
  int long_threads = 4;        // long routes run at once (Api: batches, runs, reloads)
  int read_connections = 4;    // the routes' pool of store connections
  int engine_threads = 0;      // the actors' workers; 0: one per core (RuntimeOptions)
  bool engine_polls = false;   // idle workers poll before they wait (RuntimeOptions)
  int writer_connections = 2;  // the writer's commits in flight on PostgreSQL (RuntimeOptions)
  std::map<std::string, std::string> webhooks;         // org -> URL
  std::map<std::string, std::string> webhook_secrets;  // org -> its receiver's secret
  bool demo_accounts = false;
  http::AccountSettings accounts;
  StandbySettings standby;  // a hot standby pair; off: one server
};

// Reads the file at `path` (resolved against the project's root by the
// caller); a key it does not name keeps its default.
ServerSettings read_server_settings(const std::string& path);

}  // namespace xueji::cli
