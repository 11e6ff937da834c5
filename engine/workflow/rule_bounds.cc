#include "engine/workflow/rule_bounds.h"

#include <algorithm>

#include "engine/workflow/step_reader.h"

namespace xueji {
namespace {

// A bound's period: `{working_days: N}` or `{months: N}`, with its article
// when it is not the block's.
RuleBounds::Deadline read_bound(const YamlSource& yaml, const YAML::Node& node,
                                const std::string& what, const std::string& article) {
  yaml.expect_map(node, what, {"working_days", "months", "article"});
  RuleBounds::Deadline bound;
  bound.article = node["article"] ? yaml.scalar(node["article"], "'article'") : article;
  const bool days = static_cast<bool>(node["working_days"]);
  if (days == static_cast<bool>(node["months"])) {
    yaml.fail(node, what + " gives either working_days or months");
  }
  if (days) {
    bound.most.unit = Period::Unit::working_days;
    bound.most.amount =
        static_cast<int>(yaml.integer(node["working_days"], what + " working_days", 1, 1000));
  } else {
    bound.most.unit = Period::Unit::months;
    bound.most.amount = static_cast<int>(yaml.integer(node["months"], what + " months", 1, 120));
  }
  return bound;
}

std::string step_name(const StepRule& step) {
  return step.step == step.party ? step.step : step.step + " (" + step.party + ")";
}

}  // namespace

RuleBounds read_bounds(const YamlSource& yaml, const YAML::Node& node,
                       const std::string& kind_article) {
  yaml.expect_map(node, "'bounds'", {"article", "max_deadline", "required_steps", "max_term"});
  RuleBounds bounds;
  const std::string article =
      node["article"] ? yaml.scalar(node["article"], "'article'") : kind_article;
  if (article.empty()) yaml.fail(node, "'bounds' needs the article they come from");
  if (node["max_deadline"]) {
    const YAML::Node deadlines = node["max_deadline"];
    if (!deadlines.IsMap()) yaml.fail(deadlines, "'max_deadline' maps a party to its bound");
    for (const auto& entry : deadlines) {
      const std::string party = read_party(yaml, entry.first, "a bounded party");
      bounds.max_deadline[party] = read_bound(yaml, entry.second, "max_deadline", article);
    }
  }
  if (node["required_steps"]) {
    const YAML::Node required = node["required_steps"];
    if (!required.IsSequence()) yaml.fail(required, "'required_steps' must be a list of parties");
    for (const auto& item : required) {
      bounds.required_steps.push_back(read_party(yaml, item, "a required party"));
    }
    bounds.required_article = article;
  }
  if (node["max_term"]) {
    const RuleBounds::Deadline term = read_bound(yaml, node["max_term"], "max_term", article);
    if (term.most.unit != Period::Unit::months) {
      yaml.fail(node["max_term"], "max_term is given in months, as a term is");
    }
    bounds.max_term_months = term.most.amount;
    bounds.term_article = term.article;
  }
  return bounds;
}

void check_deadline_bound(const YamlSource& yaml, const YAML::Node& at, const StepRule& step,
                          const RuleBounds& bounds) {
  auto bound = bounds.max_deadline.find(step.party);
  if (bound == bounds.max_deadline.end()) return;
  const Period& most = bound->second.most;
  const std::string national =
      "the national bound of " + most.to_string() + " (" + bound->second.article + ")";
  if (step.deadline.unit != most.unit) {
    yaml.fail(at, step_name(step) + "'s deadline " + step.deadline.to_string() +
                      " is not counted in " +
                      (most.unit == Period::Unit::months ? "months" : "working days") + " like " +
                      national);
  }
  if (step.deadline.amount > most.amount) {
    yaml.fail(
        at, step_name(step) + "'s deadline " + step.deadline.to_string() + " exceeds " + national);
  }
}

std::string missing_required_party(const CaseKindRules& rules, const RuleBounds& bounds) {
  for (const auto& party : bounds.required_steps) {
    const bool answered = std::any_of(rules.steps.begin(), rules.steps.end(), [&](const auto& s) {
      return s.party == party && s.when == StepCondition::always;
    });
    if (!answered) return party;
  }
  return "";
}

void check_term_bound(const YamlSource& yaml, const YAML::Node& at, const TermRule& term,
                      const RuleBounds& bounds) {
  if (!bounds.max_term_months) return;
  const int most = *bounds.max_term_months;
  const auto over = [&](const char* what, int months) {
    if (months <= most) return;
    yaml.fail(at, std::string("the term's ") + what + " " + std::to_string(months) +
                      " exceeds the national bound of " + std::to_string(most) + " months (" +
                      bounds.term_article + ")");
  };
  over("max_months", term.max_months);
  over("default_months", term.default_months);
}

}  // namespace xueji
