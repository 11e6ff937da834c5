// `xueji workflows show KIND [--province CODE] [--dot]`: the plan of a kind
// as a province runs it (the national rules with its overlay, resolved by
// the loader), for the rule author: steps in order, who answers, deadlines,
// reminders, escalation, and the national bounds with their articles; or,
// with --dot, the same plan as a Graphviz digraph.

#include <iostream>
#include <sstream>
#include <vector>

#include "adapters/cli/command_line.h"
#include "adapters/cli/workflow_diagram.h"
#include "engine/org/provinces.h"
#include "engine/workflow/resolved_plan.h"
#include "engine/workflow/rule_loader.h"

namespace xueji::cli {
namespace {

struct ShowOptions {
  std::string kind;
  std::string province;
  std::string rules = "workflows";
  bool dot = false;
};

// Rows printed with each column as wide as its widest cell (ASCII cells;
// the Chinese is in the headings).
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 const std::string& indent) {
  std::vector<size_t> width;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], row[c].size());
    }
  }
  for (const auto& row : rows) {
    std::string line = indent;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string runs_when(StepCondition when) {
  switch (when) {
    case StepCondition::always:
      return "always";
    case StepCondition::cross_province:
      return "cross_province";
    case StepCondition::same_province:
      return "same_province";
    case StepCondition::base_field_change:
      return "base_field_change";
    case StepCondition::special_education:
      return "special_education";
  }
  return "";
}

std::string reminder_words(const StepRule& step) {
  if (!step.reminder_working_days_before) return "none";
  return period_words(Period{Period::Unit::working_days, *step.reminder_working_days_before}) +
         " before";
}

std::string escalation_words(const ResolvedStep& step) {
  if (!step.rule.follow_up) return step.escalates_to + ", once";
  return step.escalates_to + ", then every " + period_words(*step.rule.follow_up) + " up";
}

std::string origin_words(const ResolvedPlan& plan, const ResolvedStep& step) {
  switch (step.origin) {
    case ResolvedStep::Origin::national:
      return "national";
    case ResolvedStep::Origin::added:
      return "added by " + plan.province;
    case ResolvedStep::Origin::changed:
      return "changed by " + plan.province + " (national " + period_words(step.national_deadline) +
             ")";
  }
  return "";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string plan_as_text(const ResolvedPlan& plan) {
  const CaseKindRules& rules = plan.rules;
  std::ostringstream out;
  out << rules.kind << " " << rules.title << " (" << rules.article << ")";
  if (plan.province.empty()) {
    out << ": the national rules\n";
  } else {
    out << " in " << plan.province << " " << province_name(plan.province) << ": "
        << (plan.has_overlay
                ? "the national rules with " + plan.province + "'s overlay"
                : "the national rules (" + plan.province + " has no overlay of " + rules.kind + ")")
        << "\n";
  }
  out << "rules version " << plan.rules_version << "\n";
  out << "opened by " << joined(rules.initiators) << "; subject: "
      << (rules.subject == CaseKindRules::Subject::child    ? "child"
          : rules.subject == CaseKindRules::Subject::school ? "school"
                                                            : "student")
      << "\n\n";

  out << "steps, in order (decided by a registrar of the party's org; deadlines counted on the "
         "party's province calendar):\n";
  std::vector<std::vector<std::string>> rows = {{"#", "step", "party", "level", "deadline",
                                                 "reminder", "runs", "missed: escalates to",
                                                 "from"}};
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const ResolvedStep& s = plan.steps[i];
    rows.push_back({std::to_string(i + 1), s.rule.step, s.rule.party, s.level,
                    period_words(s.rule.deadline), reminder_words(s.rule), runs_when(s.rule.when),
                    escalation_words(s), origin_words(plan, s)});
  }
  print_table(out, rows, "  ");
  if (!plan.dropped_steps.empty()) {
    out << "  dropped by " << plan.province << ": " << joined(plan.dropped_steps) << "\n";
  }
  out << "  A missed deadline escalates to the level above (never silent expiry); with a "
         "follow-up it climbs again when that passes, up to the ministry.\n";

  if (rules.term) {
    const TermRule& term = *rules.term;
    out << "\nterm after approval: " << term.default_months << " months by default, at most "
        << term.max_months << "; "
        << (term.ends_at_intake ? "ends at the province's next intake; " : "") << "its end tells "
        << term.notify;
    if (term.review) {
      out << ", who gets step " << term.review->step << " within "
          << period_words(term.review->deadline);
    }
    out << "\n";
  }

  if (rules.return_grade) {
    // Art. 20: 接收学生的具体办法由省级教育行政部门制定.
    out << "\ngrade on return (Art. 20, the province's rule): " << to_string(*rules.return_grade)
        << ", in a grade the receiving school teaches (Art. 2)\n";
  }

  if (rules.special_education) {
    // Art. 14: the experts' assessment decides a special-education
    // student's grade.
    out << "\na special-education student (at a special-education school or marked "
           "special_needs, "
        << rules.special_education->article << "): needs "
        << joined(rules.special_education->required_fields)
        << " (the expert committee's assessment); any grade the school teaches\n";
  }

  if (!rules.added_preconditions.empty()) {
    out << "\npreconditions added by " << plan.province
        << " (checked at opening after the national ones; they only add refusals):\n";
    std::vector<std::vector<std::string>> added;
    for (const auto& p : rules.added_preconditions) {
      added.push_back({std::string(to_string(p.name)), describe_parameters(p), p.article,
                       p.file + ":" + std::to_string(p.line)});
    }
    print_table(out, added, "  ");
  }

  out << "\nnational bounds (no province's overlay may leave them):\n";
  const RuleBounds& b = plan.bounds;
  if (b.max_deadline.empty() && b.required_steps.empty() && !b.max_term_months) {
    out << "  none declared: the Measures fix no number for " << rules.kind << "\n";
    return out.str();
  }
  std::vector<std::vector<std::string>> bounds;
  for (const auto& [party, bound] : b.max_deadline) {
    bounds.push_back({"max_deadline", party, "at most " + period_words(bound.most), bound.article});
  }
  if (!b.required_steps.empty()) {
    bounds.push_back(
        {"required_steps", joined(b.required_steps), "a step in every case", b.required_article});
  }
  if (b.max_term_months) {
    bounds.push_back({"max_term", "term",
                      "at most " + period_words(Period{Period::Unit::months, *b.max_term_months}),
                      b.term_article});
  }
  print_table(out, bounds, "  ");
  return out.str();
}

void show(const ShowOptions& o) {
  auto rules = load_rules(resolve_project_path(o.rules));
  if (!rules) throw UsageError(rules.error().message);
  auto plan = resolve_plan(*rules, o.kind, o.province);
  if (!plan) throw UsageError(plan.error().message);
  std::cout << (o.dot ? plan_as_dot(*plan) : plan_as_text(*plan));
}

}  // namespace

void add_workflows_show_command(CLI::App& workflows) {
  auto* show_cmd = workflows.add_subcommand(
      "show", "the plan of a kind as a province runs it: steps, deadlines, escalation, bounds");
  auto o = std::make_shared<ShowOptions>();
  show_cmd->add_option("KIND", o->kind, "case kind, e.g. transfer")->required();
  show_cmd->add_option("--province", o->province,
                       "province-level division code whose overlay applies, e.g. 450000");
  show_cmd->add_option("--rules", o->rules, "workflow rules directory")->capture_default_str();
  show_cmd->add_flag("--dot", o->dot, "print a Graphviz digraph instead of text");
  show_cmd->callback([o] { show(*o); });
}

}  // namespace xueji::cli
