// A province's overlay of a kind: the steps and term bounds a province may
// change, inside the kind's national bounds (rule_bounds.h). Everything else
// about a kind is national, so it stays as read.

#include <algorithm>
#include <map>
#include <string>

#include "engine/workflow/rule_files.h"
#include "engine/workflow/step_reader.h"

namespace xueji {
namespace {

// Where an overlay lost a required party its step: the `drop_steps` entry or
// the `when` that made it conditional, by party; the loss is reported there.
using Culprits = std::map<std::string, YAML::Node>;

void change_steps(const YamlSource& yaml, const YAML::Node& changes, CaseKindRules& rules,
                  const RuleBounds& bounds, Culprits& culprits) {
  if (!changes.IsMap()) yaml.fail(changes, "'steps' in an overlay maps step names to changes");
  for (const auto& entry : changes) {
    const std::string name = entry.first.as<std::string>();
    StepRule* step = nullptr;
    for (auto& s : rules.steps) {
      if (s.step == name) step = &s;
    }
    if (step == nullptr) {
      yaml.fail(entry.first,
                "overlay changes step '" + name + "', which " + rules.kind + " does not have");
    }
    yaml.expect_map(entry.second, "a step change", kStepSettings);
    read_step_settings(yaml, entry.second, *step);
    const YAML::Node deadline = entry.second["deadline"];
    check_deadline_bound(yaml, deadline ? deadline : entry.second, *step, bounds);
    if (entry.second["when"]) culprits.emplace(step->party, entry.second["when"]);
  }
}

void drop_steps(const YamlSource& yaml, const YAML::Node& drops, CaseKindRules& rules,
                Culprits& culprits) {
  for (const auto& node : drops) {
    const std::string name = yaml.scalar(node, "a dropped step");
    auto it = std::find_if(rules.steps.begin(), rules.steps.end(),
                           [&](const StepRule& s) { return s.step == name; });
    if (it == rules.steps.end()) {
      yaml.fail(node, "overlay drops step '" + name + "', which " + rules.kind + " does not have");
    }
    culprits.emplace(it->party, node);
    rules.steps.erase(it);
  }
}

void add_steps(const YamlSource& yaml, const YAML::Node& adds, CaseKindRules& rules,
               const RuleBounds& bounds) {
  if (!adds.IsSequence()) yaml.fail(adds, "'add_steps' must be a list");
  for (const auto& node : adds) {
    StepRule step = read_new_step(yaml, node, true);
    check_deadline_bound(yaml, node["deadline"], step, bounds);
    auto at = rules.steps.end();
    if (node["after"]) {
      const std::string after = yaml.scalar(node["after"], "'after'");
      at = std::find_if(rules.steps.begin(), rules.steps.end(),
                        [&](const StepRule& s) { return s.step == after; });
      if (at == rules.steps.end()) {
        yaml.fail(node["after"], "no step '" + after + "' to add '" + step.step + "' after");
      }
      ++at;
    }
    rules.steps.insert(at, std::move(step));
  }
}

// The end-of-term review's deadline, reminder and escalation (Art. 16: the
// school resumes or renews the student): a province's to set, inside the
// bound of the review's party where the kind declares one. Its step and
// party are national.
void change_review(const YamlSource& yaml, const YAML::Node& node, CaseKindRules& rules,
                   const RuleBounds& bounds) {
  if (!rules.term->review) yaml.fail(node, "kind '" + rules.kind + "' has no end-of-term review");
  yaml.expect_map(node, "the term's review", {"deadline", "reminder", "on_timeout", "article"});
  read_step_settings(yaml, node, *rules.term->review);
  check_deadline_bound(yaml, node["deadline"] ? node["deadline"] : node, *rules.term->review,
                       bounds);
}

// A lowered max_months pulls the default down with it unless the overlay
// sets the default too.
void change_term(const YamlSource& yaml, const YAML::Node& t, CaseKindRules& rules,
                 const RuleBounds& bounds) {
  if (!rules.term) yaml.fail(t, "kind '" + rules.kind + "' has no term to change");
  yaml.expect_map(t, "'term'", {"default_months", "max_months", "review"});
  if (t["review"]) change_review(yaml, t["review"], rules, bounds);
  if (t["max_months"]) {
    rules.term->max_months = static_cast<int>(yaml.integer(t["max_months"], "max_months", 1, 120));
  }
  if (t["default_months"]) {
    rules.term->default_months =
        static_cast<int>(yaml.integer(t["default_months"], "default_months", 1, 120));
  } else {
    rules.term->default_months = std::min(rules.term->default_months, rules.term->max_months);
  }
  if (rules.term->default_months > rules.term->max_months) {
    yaml.fail(t, "default_months exceeds max_months");
  }
  check_term_bound(yaml, t["max_months"] ? t["max_months"] : t, *rules.term, bounds);
}

}  // namespace

CaseKindRules apply_overlay(const YamlSource& yaml, CaseKindRules rules, const RuleBounds& bounds) {
  const YAML::Node& root = yaml.root();
  rules.province = yaml.scalar(root["province"], "'province'");
  Culprits culprits;
  if (root["steps"]) change_steps(yaml, root["steps"], rules, bounds, culprits);
  if (root["drop_steps"]) drop_steps(yaml, root["drop_steps"], rules, culprits);
  if (root["add_steps"]) add_steps(yaml, root["add_steps"], rules, bounds);
  if (root["term"]) change_term(yaml, root["term"], rules, bounds);
  if (root["preconditions"]) {
    rules.added_preconditions =
        read_overlay_preconditions(yaml, root["preconditions"], rules, rules.province);
  }
  if (root["return_grade"]) {
    // Art. 20: 接收学生的具体办法由省级教育行政部门制定.
    if (!rules.return_grade) {
      yaml.fail(root["return_grade"], "kind '" + rules.kind + "' places no returning student");
    }
    rules.return_grade = read_return_placement(yaml, root["return_grade"]);
  }
  // Checked once every change is made: a step dropped and added back for the
  // same party keeps it answering. Before the steps' own checks, so a kind
  // left with no step at all is told which party the Measures require.
  const std::string missing = missing_required_party(rules, bounds);
  if (!missing.empty()) {
    auto culprit = culprits.find(missing);
    yaml.fail(culprit == culprits.end() ? root : culprit->second,
              missing + " may not be dropped or made conditional: " + bounds.required_article +
                  " requires its step in every " + rules.kind);
  }
  check_steps(yaml, root, rules);
  return rules;
}

}  // namespace xueji
