#include "adapters/wiring/sql_runtime.h"

#include "adapters/store/migrator.h"
#include "adapters/store/sql_journal.h"
#include "adapters/store/statistics_backfill.h"

namespace xueji {

Result<std::unique_ptr<Runtime>> start_sql_runtime(const SqlRuntimeOptions& options,
                                                   std::shared_ptr<const Domain> data) {
  {
    auto connection = store::Connection::open(options.database_url);
    if (!connection) return connection.error();
    auto migrated = store::migrate(**connection, options.migrations_dir);
    if (!migrated) return migrated.error();
    // Before any transition adds to them (statistics_backfill.h).
    auto counted = store::backfill_statistics(**connection, data->context());
    if (!counted) return counted.error();
  }
  RuntimeOptions runtime;
  runtime.idle_seconds = options.idle_seconds;
  runtime.reply_seconds = options.reply_seconds;
  runtime.writer_connections = options.writer_connections;
  return Runtime::start(runtime, std::move(data), store::sql_journal_factory(options.database_url));
}

Result<std::unique_ptr<Runtime>> start_runtime_under(const std::string& root,
                                                     const std::string& database_url,
                                                     std::shared_ptr<Clock> clock,
                                                     int writer_connections) {
  auto data = load_domain(DomainPaths::under(root), std::move(clock));
  if (!data) return data.error();
  SqlRuntimeOptions options{database_url, root + "/migrations"};
  options.writer_connections = writer_connections;
  return start_sql_runtime(options, *data);
}

}  // namespace xueji
