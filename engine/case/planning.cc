#include "engine/case/planning.h"

#include "engine/student/record_fields.h"
#include "engine/workflow/party_rules.h"

#include <string>
#include <vector>

namespace xueji {

CaseParties named_parties(const OpenCase& cmd) {
  CaseParties parties;
  if (cmd.student) parties.student_school = cmd.student->school;
  // A school's own case (its termly check, Art. 25) names the school: it
  // acts as `school` and its ancestors as theirs.
  auto school = cmd.fields.find("school");
  if (!cmd.student && school != cmd.fields.end()) parties.student_school = school->second;
  auto to_school = cmd.fields.find("to_school");
  if (to_school != cmd.fields.end()) parties.to_school = to_school->second;
  auto household = cmd.fields.find("household_county");
  if (household != cmd.fields.end()) parties.household_county = household->second;
  for (const auto& entry : cmd.fields) {
    parties.changes_base_field =
        parties.changes_base_field || superior_approves_change_of(entry.first);
  }
  return parties;
}

Result<std::string> resolve_party(const std::string& party, const CaseParties& p,
                                  const std::string& previous_org, const DecisionContext& ctx) {
  auto level_above = [&](const std::string& school, OrgLevel level) -> Result<std::string> {
    const Org* org = ctx.orgs.ancestor_at(school, level);
    // Art. 5: a school run directly by a city or a province has no county
    // (or city) above it; the org running it acts as that level.
    const Org* runs = ctx.orgs.superior(school);
    if (org == nullptr && runs != nullptr && runs->level != OrgLevel::ministry &&
        static_cast<int>(runs->level) < static_cast<int>(level)) {
      org = runs;
    }
    if (org == nullptr) {
      return make_error("unknown_org", "no " + std::string(to_string(level)) + " above " + school +
                                           " to act as " + party);
    }
    return org->code;
  };
  const bool receiving = party.rfind("receiving_", 0) == 0;
  const std::string& school = receiving ? p.to_school : p.student_school;
  if (party == "superior") {
    const Org* sup = ctx.orgs.superior(previous_org);
    if (sup == nullptr) return make_error("unknown_org", previous_org + " has no superior");
    return sup->code;
  }
  if (party == "household_county") return p.household_county;
  if (party.find("school") != std::string::npos) {
    // Art. 12: a school that merged or closed is acted for by its successor
    // (the school it merged into, or the department keeping its records).
    const Org* acting = ctx.orgs.acting_for(school);
    return acting != nullptr ? acting->code : school;
  }
  if (party.find("county") != std::string::npos) return level_above(school, OrgLevel::county);
  if (party.find("city") != std::string::npos) return level_above(school, OrgLevel::city);
  if (party.find("province") != std::string::npos) return level_above(school, OrgLevel::province);
  return make_error("unknown_party", "unknown party '" + party + "'");
}

Result<std::vector<PlannedStep>> plan_steps(const CaseKindRules& rules, const std::string& kind,
                                            const CaseParties& parties,
                                            const DecisionContext& ctx) {
  const bool cross_province =
      !parties.to_school.empty() &&
      ctx.orgs.province_of(parties.to_school) != ctx.orgs.province_of(parties.student_school);
  // Art. 5, 29: across provinces, each party's steps come from its own
  // province's rules (engine/workflow/party_rules.h).
  const CaseKindRules* theirs =
      cross_province ? ctx.rules.find(kind, ctx.orgs.province_of(parties.to_school)) : nullptr;
  const CaseKindRules own = theirs != nullptr ? rules_of_each_party(rules, *theirs) : rules;
  std::vector<PlannedStep> plan;
  std::string previous;
  for (const auto& rule : own.steps) {
    if ((rule.when == StepCondition::cross_province && !cross_province) ||
        (rule.when == StepCondition::same_province && cross_province) ||
        (rule.when == StepCondition::base_field_change && !parties.changes_base_field) ||
        (rule.when == StepCondition::special_education && !parties.assessed)) {
      continue;
    }
    auto org = resolve_party(rule.party, parties, previous, ctx);
    if (!org) return org.error();
    plan.push_back(PlannedStep{rule.step, rule.party, *org, rule.deadline,
                               rule.reminder_working_days_before, rule.follow_up,
                               rule.article.empty() ? rules.article : rule.article});
    previous = *org;
  }
  if (plan.empty()) {
    return make_error("rule_refused", "no step of " + kind + " applies to this case");
  }
  return plan;
}

Result<PlannedEffects> plan_effects(const CaseKindRules& rules, const CaseParties& parties,
                                    const std::string& last_org, int months,
                                    const DecisionContext& ctx) {
  PlannedEffects effects;
  effects.status_while_open = rules.status_while_open;
  effects.status_on_approval = rules.status_on_approval;
  effects.moves_school = !rules.move_to_field.empty();
  effects.sets_record = rules.sets_record;
  if (!rules.inform_on_approval.empty()) {
    auto org = resolve_party(rules.inform_on_approval, parties, last_org, ctx);
    if (!org) return org.error();
    effects.informed_org = *org;
  }
  if (rules.term) {
    auto org = resolve_party(rules.term->notify, parties, last_org, ctx);
    if (!org) return org.error();
    effects.term_org = *org;
    effects.term_months = months;
    if (rules.term->review) {
      // Art. 16: the term's org reviews at its end, under these rules.
      const StepRule& review = *rules.term->review;
      effects.term_review = PlannedStep{review.step,
                                        review.party,
                                        effects.term_org,
                                        review.deadline,
                                        review.reminder_working_days_before,
                                        review.follow_up,
                                        review.article.empty() ? rules.article : review.article};
    }
  }
  return effects;
}

}  // namespace xueji
