// `xueji accounts create`: the operator's way to the first administrator of
// a new installation (later ones are created over the API by an
// administrator above them). Recorded on the audit trail like any other.

#include <iostream>

#include "actors/clock.h"
#include "adapters/cli/command_line.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/credentials.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "engine/account/capability.h"
#include "engine/account/password_hash.h"
#include "engine/account/password_policy.h"
#include "engine/workflow/rule_loader.h"

namespace xueji::cli {
namespace {

struct CreateOptions {
  std::string db;
  std::string name;
  std::string org;
  std::string role = "administrator";
  std::string rules = "workflows";
  std::string capabilities;  // "": not limited (issue 18)
  bool password_stdin = false;
};

void create(const CreateOptions& o) {
  if (Status ok = check_account_name(o.name); !ok) throw UsageError(ok.error().message);
  auto role = parse_role(o.role);
  if (!role) throw UsageError(role.error().message);
  auto pool = store::ConnectionPool::open(o.db, 1);
  if (!pool) throw UsageError(pool.error().message);
  auto orgs = store::ReadModel(*pool).load_orgs();
  if (!orgs) throw UsageError(orgs.error().message);
  if (orgs->find(o.org) == nullptr) throw UsageError("--org: unknown organisation '" + o.org + "'");
  auto policies = load_password_policies(resolve_project_path(o.rules));
  if (!policies) throw UsageError(policies.error().message);
  std::optional<std::vector<std::string>> capabilities;
  if (!o.capabilities.empty()) {
    auto rule_set = load_rules(resolve_project_path(o.rules));
    if (!rule_set) throw UsageError(rule_set.error().message);
    auto parsed = parse_capabilities(o.capabilities, rule_set->kinds());
    if (!parsed) throw UsageError("--capabilities: " + parsed.error().message);
    capabilities = std::move(*parsed);
  }
  std::string password;
  bool generated = false;
  if (o.password_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else {
    password = "Xj-" + store::random_hex(12);
    generated = true;
  }
  const PasswordPolicy& policy = policies->for_province(orgs->province_of(o.org));
  if (Status ok = check_password(policy, password, o.name); !ok) {
    throw UsageError(ok.error().message);
  }
  auto hash = hash_password(password, store::random_bytes(16), Argon2Cost{});
  if (!hash) throw UsageError(hash.error().message);
  const Instant now = SystemClock().now();
  Account a;
  a.name = o.name;
  a.org = o.org;
  a.role = *role;
  a.capabilities = capabilities;
  a.password_hash = *hash;
  a.password_changed = now.beijing_date();
  a.last_used = now.beijing_date();
  const AuditEntry entry = audit_entry(now, "operator", o.org, "account.create",
                                       "account:" + o.name, "ok", "created from the command line");
  auto existing = store::CredentialStore(*pool).find_account(o.name);
  if (!existing) throw UsageError(existing.error().message);
  if (*existing) throw UsageError("account '" + o.name + "' exists");
  auto journal = store::SqlJournal::open(o.db);
  if (!journal) throw UsageError(journal.error().message);
  Transition created_account;
  created_account.records.new_accounts.push_back(NewAccount{a, now});
  created_account.audit.push_back(entry);
  Status created = (*journal)->commit({created_account});
  if (!created) throw UsageError(created.error().message);
  std::cout << "created " << o.role << " '" << o.name << "' of org " << o.org;
  if (capabilities) std::cout << ", limited to: " << capabilities_text(*capabilities);
  std::cout << "\n";
  if (generated) std::cout << "password (shown once): " << password << "\n";
}

}  // namespace

void add_accounts_commands(CLI::App& app) {
  auto* accounts = app.add_subcommand("accounts", "accounts of the registration system");
  accounts->require_subcommand(1);
  auto* cmd = accounts->add_subcommand("create", "create an account (the first administrator)");
  auto o = std::make_shared<CreateOptions>();
  cmd->add_option("--db", o->db, "postgresql://user:pass@host/db or sqlite:path")->required();
  cmd->add_option("--name", o->name, "account name (a-z 0-9 . _ -)")->required();
  cmd->add_option("--org", o->org, "the org the account belongs to")->required();
  cmd->add_option("--role", o->role, "registrar or administrator")->capture_default_str();
  cmd->add_option("--rules", o->rules, "workflow rules directory (password rule)")
      ->capture_default_str();
  cmd->add_option("--capabilities", o->capabilities,
                  "limit the account to these actions, e.g. \"open:death_deregistration read\" "
                  "(docs/accounts.md; default: all its role allows)");
  cmd->add_flag("--password-stdin", o->password_stdin,
                "read the password from standard input (default: generate one)");
  cmd->callback([o] { create(*o); });
  add_accounts_import_command(*accounts);
}

}  // namespace xueji::cli
