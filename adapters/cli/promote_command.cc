// `xueji promote --db URL --scope CODE --year YYYY`: the yearly promotion
// (Art. 7) of every live record under an org, in batches; run again after
// an interruption, it resumes and promotes no one twice. The schools under
// the org, and their types, come from the database's orgs table; a scope
// that table does not know is a code prefix (the bench's "45").

#include <iostream>

#include "adapters/cli/command_line.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "engine/core/instant.h"

namespace xueji::cli {

void add_promote_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "promote", "move every live record under an org up one grade (Art. 7), in batches");
  struct Options {
    std::string db = "sqlite:data/xueji.db";
    std::string scope;
    int year = 0;
    int batch = 10000;
    std::string at;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "postgresql://user:pass@host/db or sqlite:path")
      ->capture_default_str();
  cmd->add_option("--scope", o->scope, "org code whose schools' records move (\"\" = all)")
      ->required();
  cmd->add_option("--year", o->year, "the school year that starts (e.g. 2026)")->required();
  cmd->add_option("--batch", o->batch, "records per transaction")->capture_default_str();
  cmd->add_option("--at", o->at, "the run's instant (RFC 3339; default 1 September 00:00 +08:00)");
  cmd->callback([o] {
    if (o->batch < 1) throw UsageError("--batch must be at least 1");
    const std::string when =
        o->at.empty() ? std::to_string(o->year) + "-09-01T00:00:00+08:00" : o->at;
    auto at = Instant::parse(when);
    if (!at) throw UsageError("--at: " + at.error().message);
    // The database's copy of the org tree says which schools lie under the
    // scope and which of them teach across a stage boundary (Art. 2, 7).
    auto pool = store::ConnectionPool::open(o->db, 1);
    if (!pool) throw UsageError(pool.error().message);
    auto orgs = store::ReadModel(*pool).load_orgs();
    if (!orgs) throw UsageError(orgs.error().message);
    auto run = promotion_run(*orgs, o->scope, o->year, *at);
    if (!run) throw UsageError(run.error().message);
    run->batch = o->batch;
    auto journal = store::SqlJournal::open(o->db);
    if (!journal) throw UsageError(journal.error().message);
    RunProgress progress;
    int batches = 0;
    while (!progress.finished) {
      auto next = (*journal)->run_batch(*run);
      if (!next) throw UsageError(next.error().message);
      progress = *next;
      ++batches;
    }
    std::cout << "promoted: " << progress.changed << " records (run " << run->id << ", " << batches
              << " batches this time)\n";
  });
}

}  // namespace xueji::cli
