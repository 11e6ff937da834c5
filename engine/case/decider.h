#pragma once
// The case decider: one generic interpreter for every case kind, driven by
// the kind's rules.
//
//   decide(state, command, now, context) -> events | error
//   evolve(state, event) -> state
//
// decide() never changes anything: it checks the command against the state
// and the rules and returns the events it causes, or an Error naming exactly
// why not (the wrong party and the party expected, a closed step, a rule
// refusal with its article). evolve() folds one event in; it trusts events.

#include <vector>

#include "engine/calendar/calendar_set.h"
#include "engine/case/case_command.h"
#include "engine/case/case_state.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

struct DecisionContext {
  const RuleSet& rules;
  const OrgTree& orgs;
  const CalendarSet& calendars;
};

// Error codes: unknown_kind, case_exists, not_initiator, missing_field,
// invalid_field, unknown_org, rule_refused, case_closed, unknown_step,
// step_not_active, step_closed, wrong_party, invalid_decision, stale_timer,
// timer_early.
Result<std::vector<CaseEvent>> decide(const CaseState& state, const CaseCommand& command,
                                      Instant now, const DecisionContext& context);

CaseState evolve(CaseState state, const CaseEvent& event);

// Folds events from an empty state with the given case id.
CaseState replay(const std::string& case_id, const std::vector<CaseEvent>& events);

}  // namespace xueji
