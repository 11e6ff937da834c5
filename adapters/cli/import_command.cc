// `xueji import FILE --db URL [--org CODE] [--all-or-nothing]`: the
// September intake offline (adapters/http/intake.h), a term's entrants
// from an NDJSON file (one POST /v1/students body a line) or a CSV whose
// header names the same fields. Each row is checked as that single
// registration is; the good rows are registered in transactions of
// --rows-per-commit rows (all in one, or none, with --all-or-nothing;
// --connections of them in flight at once on PostgreSQL),
// each with its own audit entry and archive duty (Art. 6, 7: the server
// opens the archive cases at its next start), and the run gets one entry
// more naming the file (its SHA-256) and its counts. Prints one line per
// row and a summary; exit 1 when a row was refused.

#include <sys/prctl.h>

#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "actors/clock.h"
#include "adapters/cli/command_line.h"
#include "adapters/cli/kept_until_exit.h"
#include "adapters/http/intake.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "engine/core/sha256.h"
#include "engine/core/yaml_source.h"

namespace xueji::cli {
namespace {

struct IntakeImportOptions {
  std::string file;
  std::string db;
  std::string org;  // "": the whole store's schools
  std::string format;
  bool all_or_nothing = false;
  bool refusals_only = false;
  size_t rows_per_commit = 10'000;
  size_t connections = 2;
};

http::IntakeFormat format_of(const IntakeImportOptions& o) {
  if (o.format == "csv") return http::IntakeFormat::csv;
  if (o.format == "ndjson") return http::IntakeFormat::ndjson;
  if (!o.format.empty()) throw UsageError("--format must be csv or ndjson, not '" + o.format + "'");
  return std::filesystem::path(o.file).extension() == ".csv" ? http::IntakeFormat::csv
                                                             : http::IntakeFormat::ndjson;
}

void print_row(const http::IntakeOutcome& out, bool refusals_only) {
  if (out.problem) {
    std::cout << "row " << out.row << ": " << out.problem->code << ": " << out.problem->message
              << "\n";
  } else if (refusals_only) {
    return;
  } else if (out.stored && out.student) {
    std::cout << "row " << out.row << ": " << (out.reopened ? "reopened " : "registered ")
              << out.student->registration_number << " at " << out.student->school << "\n";
  } else {
    std::cout << "row " << out.row << ": ok, not registered (--all-or-nothing)\n";
  }
}

void import_intake(const IntakeImportOptions& o) {
  // Small pages for this process: jemalloc asks for huge ones
  // (allocator_settings.cc), which the server's deadline index gains by,
  // but an import fills its memory once, and with huge pages the kernel
  // spent 0.3-0.4 s more clearing pages for it, in an import of about 2 s
  // (docs/performance.md, "The September intake").
  (void)prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  const http::IntakeFormat format = format_of(o);
  auto text = read_text_file(o.file);
  if (!text) throw UsageError(text.error().message);
  // The file is read while the store is opened and its orgs loaded, each
  // on a core of its own (at 100,000 rows the parse took 0.09 s, the orgs
  // 0.04 s, one after the other, before the first row could be checked).
  // A fault in the file is told before one in the store.
  auto parsing = std::async(std::launch::async, [&] { return http::parse_intake(*text, format); });
  // The file's digest for the run's entry, taken while the rows are read
  // (a core is free then; at the end it held up the last commit's entry).
  auto digest = std::async(std::launch::async, [&] { return sha256_hex(*text); });
  std::optional<Result<std::vector<http::IntakeRow>>> parsed;
  auto rows_or_throw = [&]() -> std::vector<http::IntakeRow>& {
    if (!parsed) parsed = parsing.get();
    if (!*parsed) throw UsageError(o.file + ": " + parsed->error().message);
    if ((*parsed)->empty()) throw UsageError(o.file + ": no rows");
    return **parsed;
  };
  auto pool = store::ConnectionPool::open(o.db, 1);
  if (!pool) {
    rows_or_throw();
    throw UsageError(pool.error().message);
  }
  store::ReadModel reads(*pool);
  auto orgs = reads.load_orgs();
  if (!orgs) {
    rows_or_throw();
    throw UsageError(orgs.error().message);
  }
  // --org: the import registers as that org's registrar would, so a row
  // at a school outside it is refused as such a registrar's POST would be.
  std::optional<Account> registrar;
  if (!o.org.empty()) {
    if (orgs->find(o.org) == nullptr) {
      rows_or_throw();
      throw UsageError("--org " + o.org + " is not a known org");
    }
    registrar = Account{};
    registrar->name = "operator";
    registrar->org = o.org;
    registrar->role = Role::registrar;
  }
  // One journal a lane (http::IntakeOptions::lanes): --connections on
  // PostgreSQL, one on SQLite.
  std::vector<std::unique_ptr<store::SqlJournal>> journals;
  do {
    auto journal = store::SqlJournal::open(o.db);
    if (!journal) {
      rows_or_throw();
      throw UsageError(journal.error().message);
    }
    journals.push_back(std::move(*journal));
  } while (journals.size() < o.connections && journals.front()->commits_side_by_side());
  const Instant now = SystemClock().now();
  const std::string file = std::filesystem::path(o.file).filename().string();
  http::IntakeOptions options;
  options.registrar = registrar ? &*registrar : nullptr;
  options.at = now;
  options.all_or_nothing = o.all_or_nothing;
  options.rows_per_commit = o.rows_per_commit;
  options.row_entry = [&](const Student& s, int row) {
    return audit_entry(now, "operator", s.school, "student.register",
                       "student:" + s.registration_number, "ok",
                       "imported from " + file + " row " + std::to_string(row));
  };
  options.lanes = journals.size();
  options.commit = [&](Transition t, size_t lane) {
    // Moved in: a braced list would copy the chunk's ten thousand records.
    std::vector<Transition> batch;
    batch.push_back(std::move(t));
    return journals[lane]->commit(batch);
  };
  std::vector<http::IntakeRow>& rows = rows_or_throw();
  auto summary = http::register_intake(rows, *orgs, reads, options);
  if (!summary) throw UsageError(summary.error().message);
  Transition run;
  run.audit.push_back(audit_entry(now, "operator", o.org.empty() ? "-" : o.org, "student.import",
                                  "file:" + file,
                                  summary->refused == 0  ? "ok"
                                  : summary->none_stored ? "refused"
                                                         : "rows_refused",
                                  summary->detail() + "; file sha256 " + digest.get()));
  if (Status stored = journals.front()->commit({std::move(run)}); !stored) {
    throw UsageError(stored.error().message);
  }
  for (const auto& out : summary->rows) print_row(out, o.refusals_only);
  std::cout << "imported " << summary->registered << " of " << summary->rows.size() << " students";
  if (summary->refused > 0) std::cout << "; " << summary->refused << " rows refused";
  if (summary->none_stored) std::cout << "; none registered (--all-or-nothing)";
  std::cout << "\n";
  const bool refused = summary->refused > 0;
  keep_until_exit(std::move(*summary));
  keep_until_exit(std::move(rows));
  if (refused) throw ExitStatus{1};
}

}  // namespace

void add_import_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "import",
      "register a term's entrants in bulk from NDJSON or CSV (POST /v1/students' fields)");
  auto o = std::make_shared<IntakeImportOptions>();
  cmd->add_option("FILE", o->file, "NDJSON (one registration a line) or CSV with a header row")
      ->required();
  cmd->add_option("--db,--store", o->db, "postgresql://user:pass@host/db or sqlite:path")
      ->required();
  cmd->add_option("--org", o->org, "register as this org's registrar: rows outside it are refused");
  cmd->add_option("--format", o->format, "csv or ndjson (default: by the file's extension)");
  cmd->add_flag("--all-or-nothing", o->all_or_nothing,
                "register no row at all when any row is refused");
  cmd->add_flag("--refusals-only", o->refusals_only, "print only the refused rows and the summary");
  cmd->add_option("--rows-per-commit", o->rows_per_commit, "rows per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--connections", o->connections,
                  "transactions in flight at once, each on its own connection (PostgreSQL; "
                  "SQLite writes one at a time)")
      ->capture_default_str()
      ->check(CLI::Range(1, 8));
  cmd->callback([o] { import_intake(*o); });
}

}  // namespace xueji::cli
