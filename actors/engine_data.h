#pragma once
// What every case actor reads and nobody changes: the rules, the org tree,
// the calendars, and the clock. Shared by pointer; outlives the actors.

#include <memory>

#include "actors/clock.h"
#include "engine/calendar/calendar_set.h"
#include "engine/case/decider.h"
#include "engine/org/org_tree.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

struct EngineData {
  RuleSet rules;
  OrgTree orgs;
  CalendarSet calendars;
  std::shared_ptr<Clock> clock;

  DecisionContext context() const { return DecisionContext{rules, orgs, calendars}; }
};

}  // namespace xueji
