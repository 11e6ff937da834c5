// `xueji migrate --db URL`: brings a database's schema up to date.

#include <iostream>

#include "adapters/cli/command_line.h"
#include "adapters/store/migrator.h"

namespace xueji::cli {

void add_migrate_command(CLI::App& app) {
  auto* migrate = app.add_subcommand("migrate", "apply the schema migrations to a database");
  auto db = std::make_shared<std::string>("sqlite:data/xueji.db");
  auto dir = std::make_shared<std::string>("migrations");
  migrate->add_option("--db", *db, "postgresql://user:pass@host/db or sqlite:path")
      ->capture_default_str();
  migrate->add_option("--migrations", *dir, "directory of NNNN_name.sql files")
      ->capture_default_str();
  migrate->callback([db, dir] {
    auto connection = store::Connection::open(*db);
    if (!connection) throw UsageError(connection.error().message);
    auto applied = store::migrate(**connection, resolve_project_path(*dir));
    if (!applied) throw UsageError(applied.error().message);
    std::cout << "migrated: " << *applied << " applied\n";
  });
}

}  // namespace xueji::cli
