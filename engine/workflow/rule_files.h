#pragma once
// Internal to the rule loader: reading one workflow file, either a kind's
// national defaults or a province's overlay of them (rule_loader.h). The
// loader tells them apart and pairs each overlay with its kind. Failures
// throw SourceError or YAML::Exception naming the file and line.

#include "engine/core/yaml_source.h"
#include "engine/workflow/case_kind_rules.h"
#include "engine/workflow/rule_bounds.h"

namespace xueji {

// The kind a national file defines; the file is named after its kind. Its
// statutory bounds (`bounds:`) go to `bounds`, and the file itself must keep
// inside them.
CaseKindRules read_national(const YamlSource& yaml, RuleBounds& bounds);

// `rules` (a kind's national defaults) with the overlay in `yaml` applied:
// steps changed, dropped and added, the term's bounds changed, all checked as
// a national file's are, and refused outside the kind's national `bounds`.
CaseKindRules apply_overlay(const YamlSource& yaml, CaseKindRules rules, const RuleBounds& bounds);

}  // namespace xueji
