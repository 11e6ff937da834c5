#include "engine/workflow/step_reader.h"

#include <optional>
#include <string>

namespace xueji {
namespace {

constexpr int kDefaultReminderDays = 2;  // requirements: "default 2 working days before"
constexpr int kDefaultFollowUpDays = 5;  // requirements: "default 5 working days"

Period read_period(const YamlSource& yaml, const YAML::Node& node, const std::string& what) {
  yaml.expect_map(node, what, {"working_days", "months"});
  if (node.size() != 1) yaml.fail(node, what + " gives either working_days or months");
  Period p;
  if (node["working_days"]) {
    p.unit = Period::Unit::working_days;
    p.amount =
        static_cast<int>(yaml.integer(node["working_days"], what + " working_days", 1, 1000));
  } else {
    p.unit = Period::Unit::months;
    p.amount = static_cast<int>(yaml.integer(node["months"], what + " months", 1, 120));
  }
  return p;
}

}  // namespace

std::string read_party(const YamlSource& yaml, const YAML::Node& node, const std::string& what) {
  const std::string party = yaml.scalar(node, what);
  if (!is_known_party(party)) {
    yaml.fail(node, "unknown party '" + party +
                        "' (known: sending_school, receiving_school, sending_county, "
                        "receiving_county, sending_city, receiving_city, sending_province, "
                        "receiving_province, school, county, city, province, household_county, "
                        "superior)");
  }
  return party;
}

void read_step_settings(const YamlSource& yaml, const YAML::Node& node, StepRule& step) {
  if (node["deadline"]) step.deadline = read_period(yaml, node["deadline"], "deadline");
  if (node["reminder"]) {
    const YAML::Node r = node["reminder"];
    if (r.IsScalar() && r.Scalar() == "none") {
      step.reminder_working_days_before.reset();
    } else {
      yaml.expect_map(r, "reminder", {"working_days_before"});
      step.reminder_working_days_before = static_cast<int>(
          yaml.integer(yaml.require(r, "working_days_before"), "working_days_before", 1, 100));
    }
  }
  if (node["on_timeout"]) {
    const YAML::Node t = node["on_timeout"];
    yaml.expect_map(t, "on_timeout", {"escalate_to", "follow_up"});
    const std::string to = yaml.required_string(t, "escalate_to");
    if (to != "superior") {
      // requirements: a province may change the policy, "but never silent expiry".
      yaml.fail(t["escalate_to"],
                "on_timeout escalates to 'superior', the only policy the "
                "Measures allow (never silent expiry), not '" +
                    to + "'");
    }
    if (t["follow_up"]) {
      const YAML::Node f = t["follow_up"];
      if (f.IsScalar() && f.Scalar() == "none") {
        step.follow_up.reset();
      } else {
        step.follow_up = read_period(yaml, f, "follow_up");
      }
    }
  }
  if (node["when"]) {
    const std::string when = yaml.scalar(node["when"], "'when'");
    if (when == "always") {
      step.when = StepCondition::always;
    } else if (when == "cross_province") {
      step.when = StepCondition::cross_province;
    } else if (when == "same_province") {
      step.when = StepCondition::same_province;
    } else if (when == "base_field_change") {
      step.when = StepCondition::base_field_change;  // Art. 13
    } else if (when == "special_education") {
      step.when = StepCondition::special_education;  // Art. 14
    } else {
      yaml.fail(node["when"],
                "'when' must be always, cross_province, same_province, "
                "base_field_change or special_education, not '" +
                    when + "'");
    }
  }
  if (node["article"]) step.article = yaml.scalar(node["article"], "'article'");
}

StepRule read_new_step(const YamlSource& yaml, const YAML::Node& node, bool with_after) {
  std::set<std::string> allowed = kStepSettings;
  allowed.insert({"step", "party"});
  if (with_after) allowed.insert("after");
  yaml.expect_map(node, "a step", allowed);
  StepRule step;
  step.step = yaml.required_string(node, "step");
  step.party = read_party(yaml, yaml.require(node, "party"), "'party'");
  yaml.require(node, "deadline");
  step.reminder_working_days_before = kDefaultReminderDays;
  step.follow_up = Period{Period::Unit::working_days, kDefaultFollowUpDays};
  read_step_settings(yaml, node, step);
  return step;
}

void check_steps(const YamlSource& yaml, const YAML::Node& at, const CaseKindRules& rules) {
  if (rules.steps.empty()) yaml.fail(at, "kind '" + rules.kind + "' has no steps left");
  std::set<std::string> names;
  for (const auto& s : rules.steps) {
    if (!names.insert(s.step).second) yaml.fail(at, "step '" + s.step + "' appears twice");
    if (s.reminder_working_days_before && s.deadline.unit == Period::Unit::working_days &&
        *s.reminder_working_days_before >= s.deadline.amount) {
      yaml.fail(at, "step '" + s.step + "': the reminder (" +
                        std::to_string(*s.reminder_working_days_before) +
                        " working days before) must fall inside its deadline (" +
                        s.deadline.to_string() + ")");
    }
  }
  if (rules.steps.front().party == "superior") {
    yaml.fail(at, "the first step of '" + rules.kind +
                      "' cannot be 'superior': there is no "
                      "previous step to be the superior of");
  }
}

}  // namespace xueji
