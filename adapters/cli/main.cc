// build/xueji: the operator's and rule author's command-line tool.

#include <iostream>

#include "adapters/cli/command_line.h"

int main(int argc, char** argv) {
  CLI::App app{"Xueji: the student-registration workflow engine", "xueji"};
  app.require_subcommand(1);
  xueji::cli::add_calendar_commands(app);
  xueji::cli::add_simulate_commands(app);
  xueji::cli::add_migrate_command(app);
  xueji::cli::add_serve_command(app);
  xueji::cli::add_audit_commands(app);
  xueji::cli::add_export_command(app);
  xueji::cli::add_accounts_commands(app);
  xueji::cli::add_promote_command(app);
  xueji::cli::add_generate_command(app);
  xueji::cli::add_import_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    for (char& c : message) {
      if (c == '\n') c = ' ';
    }
    std::cerr << "xueji: " << message << " (see --help)\n";
    return 2;
  } catch (const xueji::cli::UsageError& e) {
    std::cerr << "xueji: " << e.what() << "\n";
    return 2;
  } catch (const xueji::cli::ExitStatus& status) {
    return status.code;
  }
  return 0;
}
