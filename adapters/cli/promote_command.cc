// `xueji promote --db URL --scope CODE --year YYYY`: the yearly promotion
// (Art. 7) of every live record under an org, in batches; run again after
// an interruption, it resumes and promotes no one twice. The schools under
// the org, and their types, come from the database's orgs table; a scope
// that table does not know is a code prefix (the bench's "45"). Without
// --at the run is dated on the promotion date of the scope's province, read
// from the rule directory (--rules, its school-year files), else 1 September.

#include <iostream>

#include "adapters/cli/command_line.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "engine/core/instant.h"
#include "engine/student/promotion_calendar.h"
#include "engine/workflow/rule_loader.h"

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
    std::string rules = "workflows";
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "postgresql://user:pass@host/db or sqlite:path")
      ->capture_default_str();
  cmd->add_option("--scope", o->scope, "org code whose schools' records move (\"\" = all)")
      ->required();
  cmd->add_option("--year", o->year, "the school year that starts (e.g. 2026)")->required();
  cmd->add_option("--batch", o->batch, "records per transaction")->capture_default_str();
  cmd->add_option("--at", o->at,
                  "the run's instant (RFC 3339; default 00:00 +08:00 on the promotion date of "
                  "the scope's province in --rules, else 1 September)");
  cmd->add_option("--rules", o->rules, "rule directory whose school-year files date the run")
      ->capture_default_str();
  cmd->callback([o] {
    if (o->batch < 1) throw UsageError("--batch must be at least 1");
    if (o->year < 2000 || o->year > 2100) throw UsageError("--year must be 2000-2100");
    // The database's copy of the org tree says which schools lie under the
    // scope and which of them teach across a stage boundary (Art. 2, 7).
    auto pool = store::ConnectionPool::open(o->db, 1);
    if (!pool) throw UsageError(pool.error().message);
    auto orgs = store::ReadModel(*pool).load_orgs();
    if (!orgs) throw UsageError(orgs.error().message);
    Result<Instant> at = make_error("invalid_field", "no instant");
    if (o->at.empty()) {
      // Art. 7: the province's date (its school-year file), as the server's.
      auto rules = load_rules(resolve_project_path(o->rules));
      if (!rules) throw UsageError(rules.error().message);
      at = promotion_instant(*rules, promotion_province(*orgs, o->scope), o->year);
    } else {
      at = Instant::parse(o->at);
      if (!at) throw UsageError("--at: " + at.error().message);
    }
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
