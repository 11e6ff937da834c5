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
  return Runtime::start(RuntimeOptions{options.idle_seconds, options.reply_seconds},
                        std::move(data), store::sql_journal_factory(options.database_url));
}

Result<std::unique_ptr<Runtime>> start_runtime_under(const std::string& root,
                                                     const std::string& database_url,
                                                     std::shared_ptr<Clock> clock) {
  auto data = load_domain(DomainPaths::under(root), std::move(clock));
  if (!data) return data.error();
  return start_sql_runtime(SqlRuntimeOptions{database_url, root + "/migrations"}, *data);
}

}  // namespace xueji
