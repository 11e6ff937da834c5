#pragma once
// Shared plumbing of the `xueji` command-line tool. Each subcommand family
// lives in its own file and registers itself on the root CLI::App.

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

namespace xueji::cli {

// Bad input from the user: main() prints "xueji: <message>" on one line of
// stderr and exits with status 2.
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

// A subcommand's own exit status other than 0 (e.g. 3 for a broken audit
// chain), after it has printed what it had to say.
struct ExitStatus {
  int code;
};

// Resolves a data directory or file given relative to the project root
// (config/calendars, workflows): as given when it exists, else under an
// installed program's ../share/xueji (the Debian package's /usr/share/xueji),
// else under the source tree the binary was built from, so build/xueji
// works from anywhere.
std::string resolve_project_path(const std::string& path);

void add_calendar_commands(CLI::App& app);
void add_simulate_commands(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_audit_commands(CLI::App& app);
void add_export_command(CLI::App& app);
void add_accounts_commands(CLI::App& app);
void add_promote_command(CLI::App& app);
void add_generate_command(CLI::App& app);
void add_import_command(CLI::App& app);  // the September intake (import_command.cc)
// Subcommands of a family registered elsewhere, each in its own file.
void add_workflows_show_command(CLI::App& workflows);  // `workflows show`
void add_calendar_show_command(CLI::App& calendar);    // `calendar show`
void add_accounts_import_command(CLI::App& accounts);  // `accounts import`
void add_audit_archive_command(CLI::App& audit);       // `audit archive`

}  // namespace xueji::cli
