#pragma once
// Internal to the rule loader: reading a step, which a national file defines
// and an overlay changes or adds with the same settings, so both read and
// check steps one way. Failures throw SourceError naming the file and line.

#include <set>
#include <string>

#include "engine/core/yaml_source.h"
#include "engine/workflow/case_kind_rules.h"

namespace xueji {

// The settings a step shares between a national file and an overlay change.
inline const std::set<std::string> kStepSettings = {"deadline", "reminder", "on_timeout", "when",
                                                    "article"};

// A party name (see is_known_party); an unknown one fails listing the known.
std::string read_party(const YamlSource& yaml, const YAML::Node& node, const std::string& what);

// Overwrites the settings of `step` that `node` gives, leaving the others.
void read_step_settings(const YamlSource& yaml, const YAML::Node& node, StepRule& step);

// A whole step: its name, party and deadline, and the default reminder and
// follow-up unless it overrides them. `with_after` allows an overlay's
// "after" (where to add it), read by the caller.
StepRule read_new_step(const YamlSource& yaml, const YAML::Node& node, bool with_after);

// What holds across a kind's steps, once a file or an overlay has made them:
// at least one, unique names, each reminder inside its deadline, and a first
// step that has no "superior" (nothing before it to be above). Fails at `at`.
void check_steps(const YamlSource& yaml, const YAML::Node& at, const CaseKindRules& rules);

}  // namespace xueji
