#pragma once
// Internal to the decider: a case's plan, fixed when it opens. Each party is
// resolved to an org and each period copied from the rules here, so that a
// later change of rules or of the org tree never moves a running case.

#include <string>
#include <vector>

#include "engine/case/case_command.h"
#include "engine/case/case_event.h"
#include "engine/case/decider.h"
#include "engine/core/result.h"
#include "engine/workflow/case_kind_rules.h"

namespace xueji {

// Everything a party name can resolve against when a case opens.
struct CaseParties {
  std::string student_school;
  std::string to_school;
  std::string household_county;
  // The case proposes a new value of a base field (Art. 13) or of the
  // special-needs mark (Art. 14): the county approves as well
  // (StepCondition::base_field_change).
  bool changes_base_field = false;
  // The case runs Art. 14's special-education variant (special_education.h):
  // its superior approves (StepCondition::special_education). Set by the
  // opening once the variant is known, not by named_parties.
  bool assessed = false;
};

// The parties as the command names them, before any is checked.
CaseParties named_parties(const OpenCase& cmd);

// The org acting as `party` in this case (see is_known_party); "superior" is
// `previous_org`'s superior. unknown_org when the tree has no org to act as
// it, unknown_party for a name that is no party.
Result<std::string> resolve_party(const std::string& party, const CaseParties& parties,
                                  const std::string& previous_org, const DecisionContext& ctx);

// The steps of `rules` that apply to this case (a cross-province transfer has
// more), each with its org; a "superior" is the superior of the step before.
// rule_refused when no step applies to a case of `kind`.
Result<std::vector<PlannedStep>> plan_steps(const CaseKindRules& rules, const std::string& kind,
                                            const CaseParties& parties, const DecisionContext& ctx);

// What completion will do, its parties resolved now like the plan's, with
// `last_org` (the plan's last step's) as the one a "superior" is above;
// `months` is the term an approval starts, when the kind has one.
Result<PlannedEffects> plan_effects(const CaseKindRules& rules, const CaseParties& parties,
                                    const std::string& last_org, int months,
                                    const DecisionContext& ctx);

}  // namespace xueji
