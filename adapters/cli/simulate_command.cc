// `xueji simulate SCENARIO.yaml`: plays a scenario on a virtual clock and
// prints one JSON object per line for every event, in time order.
// `xueji workflows check DIR`: validates a rule directory.

#include <iostream>
#include <nlohmann/json.hpp>

#include "adapters/cli/command_line.h"
#include "adapters/cli/event_json.h"
#include "engine/account/password_policy.h"
#include "engine/calendar/calendar_loader.h"
#include "engine/simulation/simulation.h"
#include "engine/workflow/rule_loader.h"

namespace xueji::cli {
namespace {

template <typename T>
T or_usage_error(Result<T> result) {
  if (!result) throw UsageError(result.error().message);
  return std::move(*result);
}

void run_simulation(const std::string& path) {
  const Scenario scenario = or_usage_error(load_scenario(path));
  const RuleSet rules = or_usage_error(load_rules(resolve_project_path(scenario.rules_dir)));
  const CalendarSet calendars =
      or_usage_error(load_calendars(resolve_project_path(scenario.calendars_dir)));
  const OrgTree orgs =
      scenario.inline_orgs
          ? *scenario.inline_orgs
          : or_usage_error(load_org_file(resolve_project_path(scenario.orgs_file)));
  Simulation simulation(rules, orgs, calendars);
  const auto lines = or_usage_error(simulation.run(scenario));
  for (const auto& line : lines) std::cout << simulation_line_json(line).dump() << "\n";
}

}  // namespace

void add_simulate_commands(CLI::App& app) {
  auto* simulate =
      app.add_subcommand("simulate", "play a scenario on a virtual clock; one JSON event per line");
  auto scenario = std::make_shared<std::string>();
  simulate->add_option("SCENARIO", *scenario, "scenario YAML file")->required();
  simulate->callback([scenario] { run_simulation(*scenario); });

  auto* workflows = app.add_subcommand("workflows", "workflow rule files");
  workflows->require_subcommand(1);
  auto* check = workflows->add_subcommand("check", "validate a rule directory: 'ok <version>'");
  auto dir = std::make_shared<std::string>("workflows");
  check->add_option("DIR", *dir, "rule directory")->capture_default_str();
  check->callback([dir] {
    auto rules = load_rules(*dir);
    if (!rules) throw UsageError(rules.error().message);
    auto passwords = load_password_policies(*dir);  // <DIR>/password/, when there
    if (!passwords) throw UsageError(passwords.error().message);
    std::cout << "ok " << rules->version() << "\n";
  });
  add_workflows_show_command(*workflows);
}

}  // namespace xueji::cli
