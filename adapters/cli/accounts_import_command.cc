// `xueji accounts import FILE --db URL [--all-or-nothing]`: provisions
// accounts in bulk from a CSV roster (engine/account/account_roster.h). Each
// row is checked as `accounts create` checks one, and against the store and
// the rows above it; the good rows are created in one transaction (none when
// --all-or-nothing and a row is refused), each with its own audit entry, and
// the run with one more on the same hash chain, so the trail says who was
// provisioned from which file (its SHA-256), and what was refused.

#include <filesystem>
#include <iostream>
#include <map>

#include "actors/clock.h"
#include "adapters/cli/command_line.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/credentials.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "engine/account/account_roster.h"
#include "engine/account/capability.h"
#include "engine/account/password_hash.h"
#include "engine/core/sha256.h"
#include "engine/core/yaml_source.h"
#include "engine/workflow/rule_loader.h"

namespace xueji::cli {
namespace {

struct ImportOptions {
  std::string file;
  std::string db;
  std::string rules = "workflows";
  bool all_or_nothing = false;
};

// A row that passed every check, with the password it gets.
struct GoodRow {
  const RosterRow* row;
  std::string password;
  bool generated = false;
  std::optional<std::vector<std::string>> capabilities;  // none: not limited
};

std::string row_label(const RosterRow& row) { return "row " + std::to_string(row.line); }

void import_roster(const ImportOptions& o) {
  auto text = read_text_file(o.file);
  if (!text) throw UsageError(text.error().message);
  auto rows = parse_roster(*text);
  if (!rows) throw UsageError(o.file + ": " + rows.error().message);
  if (rows->empty()) throw UsageError(o.file + ": no rows below the header");
  auto pool = store::ConnectionPool::open(o.db, 1);
  if (!pool) throw UsageError(pool.error().message);
  auto orgs = store::ReadModel(*pool).load_orgs();
  if (!orgs) throw UsageError(orgs.error().message);
  auto policies = load_password_policies(resolve_project_path(o.rules));
  if (!policies) throw UsageError(policies.error().message);
  store::CredentialStore credentials(*pool);
  // The case kinds an `open:<kind>` capability may name (issue 18).
  auto rule_set = load_rules(resolve_project_path(o.rules));
  if (!rule_set) throw UsageError(rule_set.error().message);
  const std::vector<std::string> kinds = rule_set->kinds();

  // Every row's verdict, in file order: "" for a good row until it is made.
  std::vector<std::string> refusals(rows->size());
  std::vector<GoodRow> good;
  std::map<std::string, int> first_line;  // name -> the row that gave it first
  std::string refused_rows;
  for (size_t i = 0; i < rows->size(); ++i) {
    const RosterRow& row = (*rows)[i];
    Status ok = check_new_account(row.name, row.org, row.role, row.password, *orgs, *policies);
    std::optional<std::vector<std::string>> capabilities;
    if (ok && row.capabilities) {
      auto parsed = parse_capabilities(*row.capabilities, kinds);
      if (parsed) capabilities = std::move(*parsed);
      if (!parsed) ok = parsed.error();
    }
    if (ok) {
      auto [it, fresh] = first_line.emplace(row.name, row.line);
      if (!fresh) {
        ok = make_error("duplicate_name", "account '" + row.name + "' is given twice (also " +
                                              "row " + std::to_string(it->second) + ")");
      }
    }
    if (ok) {
      auto existing = credentials.find_account(row.name);
      if (!existing) throw UsageError(existing.error().message);
      if (*existing) ok = make_error("account_exists", "account '" + row.name + "' exists");
    }
    if (!ok) {
      refusals[i] = ok.error().message;
      refused_rows += (refused_rows.empty() ? "" : ", ") + std::to_string(row.line) + " (" +
                      ok.error().code + ")";
      continue;
    }
    GoodRow g{&row, row.password.value_or(""), !row.password, std::move(capabilities)};
    if (g.generated) g.password = "Xj-" + store::random_hex(12);
    good.push_back(std::move(g));
  }

  const bool any_refused = good.size() < rows->size();
  const bool create_none = any_refused && o.all_or_nothing;
  const Instant now = SystemClock().now();
  std::vector<Transition> batch;
  if (!create_none) {
    for (const GoodRow& g : good) {
      auto hash = hash_password(g.password, store::random_bytes(16), Argon2Cost{});
      if (!hash) throw UsageError(hash.error().message);
      Account a;
      a.name = g.row->name;
      a.org = g.row->org;
      a.role = *parse_role(g.row->role);
      a.capabilities = g.capabilities;
      a.password_hash = *hash;
      a.password_changed = now.beijing_date();
      a.last_used = now.beijing_date();
      Transition t;
      t.records.new_accounts.push_back(NewAccount{a, now});
      t.audit.push_back(audit_entry(now, "operator", a.org, "account.create", "account:" + a.name,
                                    "ok", "imported from " + o.file + " " + row_label(*g.row)));
      batch.push_back(std::move(t));
    }
  }
  const size_t created = create_none ? 0 : good.size();
  std::string detail = std::to_string(rows->size()) + " rows: " + std::to_string(created) +
                       " created, " + std::to_string(rows->size() - good.size()) + " refused";
  if (!refused_rows.empty()) detail += " (rows " + refused_rows + ")";
  if (create_none) detail += "; none created (--all-or-nothing)";
  detail += "; file sha256 " + sha256_hex(*text);
  Transition run;
  run.audit.push_back(audit_entry(now, "operator", "-", "account.import",
                                  "file:" + std::filesystem::path(o.file).filename().string(),
                                  !any_refused  ? "ok"
                                  : create_none ? "refused"
                                                : "rows_refused",
                                  detail));
  batch.push_back(std::move(run));
  auto journal = store::SqlJournal::open(o.db);
  if (!journal) throw UsageError(journal.error().message);
  // One transaction: every good account and the run's entry, or nothing.
  Status committed = (*journal)->commit(batch);
  if (!committed) throw UsageError(committed.error().message);

  size_t next_good = 0;
  for (size_t i = 0; i < rows->size(); ++i) {
    const RosterRow& row = (*rows)[i];
    if (!refusals[i].empty()) {
      std::cout << row_label(row) << ": " << refusals[i] << "\n";
      continue;
    }
    const GoodRow& g = good[next_good++];
    if (create_none) {
      std::cout << row_label(row) << ": ok, not created (--all-or-nothing)\n";
    } else if (g.generated) {
      std::cout << row_label(row) << ": created " << row.name
                << ", password (shown once): " << g.password << "\n";
    } else {
      std::cout << row_label(row) << ": created " << row.name << "\n";
    }
  }
  std::cout << "imported " << created << " of " << rows->size() << " accounts";
  if (any_refused) std::cout << "; " << rows->size() - good.size() << " rows refused";
  if (create_none) std::cout << "; none created (--all-or-nothing)";
  std::cout << "\n";
  if (any_refused) throw ExitStatus{1};
}

}  // namespace

void add_accounts_import_command(CLI::App& accounts) {
  auto* cmd = accounts.add_subcommand(
      "import",
      "create accounts in bulk from a CSV file (name,org,role[,password][,capabilities])");
  auto o = std::make_shared<ImportOptions>();
  cmd->add_option("FILE", o->file, "CSV roster with a header line")->required();
  cmd->add_option("--db", o->db, "postgresql://user:pass@host/db or sqlite:path")->required();
  cmd->add_option("--rules", o->rules, "workflow rules directory (password rule)")
      ->capture_default_str();
  cmd->add_flag("--all-or-nothing", o->all_or_nothing,
                "create no account at all when any row is refused");
  cmd->callback([o] { import_roster(*o); });
}

}  // namespace xueji::cli
