#include "engine/workflow/resolved_plan.h"

#include "engine/org/provinces.h"

namespace xueji {
namespace {

// The level a party names, before "superior" is resolved: the part after
// sending_/receiving_, and the household county is a county (Art. 11).
std::string level_of_party(const std::string& party) {
  for (const char* side : {"sending_", "receiving_", "household_"}) {
    const std::string prefix = side;
    if (party.rfind(prefix, 0) == 0) return party.substr(prefix.size());
  }
  return party;
}

bool same_settings(const StepRule& a, const StepRule& b) {
  return a.party == b.party && a.deadline == b.deadline &&
         a.reminder_working_days_before == b.reminder_working_days_before &&
         a.follow_up == b.follow_up && a.when == b.when;
}

std::string known_kinds(const RuleSet& rules) {
  std::string out;
  for (const auto& k : rules.kinds()) out += (out.empty() ? "" : ", ") + k;
  return out;
}

}  // namespace

std::string superior_level(const std::string& level) {
  if (level == "school") return "county";
  if (level == "county") return "city";
  if (level == "city") return "province";
  return "ministry";
}

Result<ResolvedPlan> resolve_plan(const RuleSet& rules, const std::string& kind,
                                  const std::string& province) {
  const CaseKindRules* national = rules.find(kind, "");
  if (national == nullptr) {
    return make_error("unknown_kind",
                      "unknown kind '" + kind + "' (known: " + known_kinds(rules) + ")");
  }
  if (!province.empty() && !is_province_code(province)) {
    return make_error("unknown_province",
                      "unknown province '" + province +
                          "' (expected a GB/T 2260 province-level code such as 450000)");
  }
  ResolvedPlan plan;
  plan.rules = *rules.find(kind, province);
  plan.province = province;
  plan.has_overlay = !province.empty() && plan.rules.province == province;
  if (const RuleBounds* bounds = rules.bounds(kind)) plan.bounds = *bounds;
  plan.rules_version = rules.version();
  std::string previous_level;
  for (const auto& step : plan.rules.steps) {
    ResolvedStep planned;
    planned.rule = step;
    planned.level =
        step.party == "superior" ? superior_level(previous_level) : level_of_party(step.party);
    planned.escalates_to = superior_level(planned.level);
    const StepRule* base = national->find_step(step.step);
    if (base == nullptr) {
      planned.origin = ResolvedStep::Origin::added;
    } else {
      planned.national_deadline = base->deadline;
      if (!same_settings(step, *base)) planned.origin = ResolvedStep::Origin::changed;
    }
    previous_level = planned.level;
    plan.steps.push_back(std::move(planned));
  }
  for (const auto& step : national->steps) {
    if (plan.rules.find_step(step.step) == nullptr) plan.dropped_steps.push_back(step.step);
  }
  return plan;
}

}  // namespace xueji
