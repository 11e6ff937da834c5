#pragma once
// A kind's plan as one province runs it, for the rule author's eye
// (`xueji workflows show`): the national steps with the province's overlay
// applied, as the loader resolved them, each step's org level and where a
// missed deadline climbs, what the overlay changed, and the national bounds
// no overlay may leave (Art. 29: a province's rules are made "根据本办法").
// Pure: it reads a loaded RuleSet and nothing else.

#include <string>
#include <vector>

#include "engine/core/result.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

struct ResolvedStep {
  StepRule rule;
  // The org level that answers: school, county, city, province (a
  // "superior" step: the level above the step before it).
  std::string level;
  // Where a missed deadline goes (Art. 25: never silent expiry): the level
  // above `level`, up to the ministry.
  std::string escalates_to;
  // national: as the national file has it; changed: the overlay changed its
  // deadline, reminder, follow-up or condition; added: the overlay added it.
  enum class Origin { national, changed, added } origin = Origin::national;
  // The national deadline of a changed step, for comparison.
  Period national_deadline;
};

struct ResolvedPlan {
  CaseKindRules rules;       // as the province runs it
  std::string province;      // "" for the national rules
  bool has_overlay = false;  // the province has an overlay of this kind
  std::vector<ResolvedStep> steps;
  std::vector<std::string> dropped_steps;  // national steps the overlay drops
  RuleBounds bounds;
  std::string rules_version;
};

// The plan of `kind` in `province` ("" = the national rules). An unknown
// kind is "unknown_kind" listing the known ones; a code that names no
// province is "unknown_province".
Result<ResolvedPlan> resolve_plan(const RuleSet& rules, const std::string& kind,
                                  const std::string& province);

// The level above `level` (school -> county -> city -> province -> ministry).
std::string superior_level(const std::string& level);

}  // namespace xueji
