#include "adapters/cli/workflow_diagram.h"

#include <sstream>

namespace xueji::cli {
namespace {

// A double-quoted DOT string: quotes and backslashes escaped, newlines as
// centred line breaks. Not named `quoted`: for a non-const std::string
// argument, argument-dependent lookup would prefer std::quoted wherever
// <iomanip> is included before this file (as in a unity build).
std::string dot_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string condition_words(StepCondition when) {
  switch (when) {
    case StepCondition::always:
      return "";
    case StepCondition::cross_province:
      return "only across provinces";
    case StepCondition::same_province:
      return "only within the province";
    case StepCondition::base_field_change:
      return "only for a base field (Art. 13) or the special-needs mark (Art. 14)";
    case StepCondition::special_education:
      return "only for a special-education student (Art. 14)";
  }
  return "";
}

}  // namespace

std::string period_words(const Period& period) {
  if (period.unit == Period::Unit::months) {
    return std::to_string(period.amount) + (period.amount == 1 ? " month" : " months");
  }
  return std::to_string(period.amount) + (period.amount == 1 ? " working day" : " working days");
}

std::string plan_as_dot(const ResolvedPlan& plan) {
  const CaseKindRules& rules = plan.rules;
  std::ostringstream out;
  const std::string where = plan.province.empty() ? "national" : plan.province;
  out << "digraph " << dot_string(rules.kind + "-" + where) << " {\n"
      << "  rankdir=LR;\n"
      << "  fontname=\"Noto Sans CJK SC\";\n"
      << "  node [shape=box, style=rounded, fontname=\"Noto Sans CJK SC\", fontsize=11];\n"
      << "  edge [fontname=\"Noto Sans CJK SC\", fontsize=9];\n"
      << "  labelloc=t;\n"
      << "  label="
      << dot_string(rules.kind + " " + rules.title + " (" + rules.article + "), " +
                    (plan.province.empty() ? std::string("national rules")
                                           : plan.province + (plan.has_overlay ? " with its overlay"
                                                                               : " (no overlay)")))
      << ";\n";
  std::string initiators;
  for (const auto& who : rules.initiators) initiators += (initiators.empty() ? "" : ", ") + who;
  out << "  opened [shape=oval, label=" << dot_string("opened by\n" + initiators) << "];\n";
  out << "  approved [shape=doubleoctagon, label=\"approved\"];\n";
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const ResolvedStep& s = plan.steps[i];
    const std::string id = "step" + std::to_string(i + 1);
    std::string label = std::to_string(i + 1) + ". " + s.rule.step + "\n" + s.rule.party + " (" +
                        s.level + " registrar)\n" + "within " + period_words(s.rule.deadline);
    if (s.rule.reminder_working_days_before) {
      label += "\nreminder " + std::to_string(*s.rule.reminder_working_days_before) +
               " working days before";
    }
    const std::string condition = condition_words(s.rule.when);
    if (!condition.empty()) label += "\n" + condition;
    if (s.origin == ResolvedStep::Origin::added) label += "\nadded by " + plan.province;
    if (s.origin == ResolvedStep::Origin::changed) label += "\nchanged by " + plan.province;
    out << "  " << id << " [label=" << dot_string(label);
    if (s.rule.when != StepCondition::always) out << ", style=\"rounded,dashed\"";
    if (s.origin != ResolvedStep::Origin::national) out << ", color=\"#b03a2e\"";
    out << "];\n";
    // The superior level a missed deadline goes to: one node per step, since
    // the follow-up belongs to the step.
    const std::string escalation = id + "_escalated";
    std::string target = s.escalates_to + " (superior)";
    target += s.rule.follow_up ? "\nfollow-up " + period_words(*s.rule.follow_up) +
                                     ",\nthen up again to the ministry"
                               : "\nonce, no follow-up";
    out << "  " << escalation
        << " [shape=box, style=\"rounded,dashed\", label=" << dot_string(target) << "];\n";
    out << "  " << id << " -> " << escalation << " [style=dashed, label=\"deadline missed\"];\n";
    // Under its step, in the step's column.
    out << "  { rank=same; " << id << "; " << escalation << "; }\n";
  }
  std::string previous = "opened";
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const std::string id = "step" + std::to_string(i + 1);
    out << "  " << previous << " -> " << id << ";\n";
    previous = id;
  }
  out << "  " << previous << " -> approved;\n";
  out << "}\n";
  return out.str();
}

}  // namespace xueji::cli
