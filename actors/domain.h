#pragma once
// What every case actor reads and nobody changes: the rules, the org tree,
// the calendars, the password rules, and the clock. Shared by pointer;
// outlives the actors; a reload puts a new one in force (domain_reload.h).

#include <memory>
#include <string>

#include "actors/clock.h"
#include "engine/account/password_policy.h"
#include "engine/calendar/calendar_set.h"
#include "engine/case/decider.h"
#include "engine/org/org_tree.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

struct Domain {
  RuleSet rules;
  OrgTree orgs;
  CalendarSet calendars;
  // Each province's password rule (Art. 24), from <rules>/password/.
  PasswordPolicies passwords;
  std::shared_ptr<Clock> clock;

  DecisionContext context() const { return DecisionContext{rules, orgs, calendars}; }
};

// Where the engine's data lives, relative to the project by default.
struct DomainPaths {
  std::string rules_dir = "workflows";
  std::string calendars_dir = "config/calendars";
  std::string orgs_file = "config/demo/orgs.yaml";

  // The default paths under `root`.
  static DomainPaths under(const std::string& root) {
    return {root + "/workflows", root + "/config/calendars", root + "/config/demo/orgs.yaml"};
  }
};

// Loads rules, password rules, calendars and orgs; the first bad file is
// the error.
Result<std::shared_ptr<Domain>> load_domain(const DomainPaths& paths, std::shared_ptr<Clock> clock);

// The files a reload reads again (domain_reload.h): rules, password rules
// and calendars, without the org tree and the clock, which a running
// engine keeps. The first bad file is the error.
Result<std::shared_ptr<Domain>> load_rule_files(const DomainPaths& paths);

}  // namespace xueji
