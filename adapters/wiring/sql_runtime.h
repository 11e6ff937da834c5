#pragma once
// Where the rings meet: a Runtime (actors/) whose journals are SqlJournals
// (adapters/store/) on one database. Only programs (the server, the tests,
// the benchmarks) link this; the actors' library never links the store's.

#include <memory>
#include <string>

#include "actors/clock.h"
#include "actors/domain.h"
#include "actors/runtime.h"

namespace xueji {

struct SqlRuntimeOptions {
  std::string database_url = "sqlite:data/xueji.db";
  std::string migrations_dir = "migrations";
  // See RuntimeOptions::idle_seconds.
  int idle_seconds = 0;
  // See RuntimeOptions::reply_seconds.
  int reply_seconds = 0;
  // See RuntimeOptions::writer_connections.
  int writer_connections = 2;
};

// Migrates the store at `options.database_url`, then starts a runtime on
// it. An unreachable store is "store_unavailable".
Result<std::unique_ptr<Runtime>> start_sql_runtime(const SqlRuntimeOptions& options,
                                                   std::shared_ptr<const Domain> data);

// Starts a runtime on the project's own data under `root` (workflows/,
// config/calendars/, the demo org tree, migrations/): what the benchmarks
// and load helpers run. Any load or store error is returned as is.
Result<std::unique_ptr<Runtime>> start_runtime_under(const std::string& root,
                                                     const std::string& database_url,
                                                     std::shared_ptr<Clock> clock,
                                                     int writer_connections = 2);

}  // namespace xueji
