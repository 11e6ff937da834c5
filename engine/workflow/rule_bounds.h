#pragma once
// Internal to the rule loader: reading a kind's statutory bounds
// (kind_bounds.h) from its national file's `bounds:` block and checking its
// steps and term, and a province's overlay, against them. Failures throw
// SourceError naming the file, the line, the bound and its article.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/yaml_source.h"
#include "engine/workflow/case_kind_rules.h"
#include "engine/workflow/kind_bounds.h"

namespace xueji {

// The `bounds:` block of a national file; each bound's article defaults to
// the block's `article`, else `kind_article`.
RuleBounds read_bounds(const YamlSource& yaml, const YAML::Node& node,
                       const std::string& kind_article);

// Fails at `at` when `step`'s deadline is longer than its party's bound, or
// is given in another unit than the bound (months cannot be shown to stay
// within working days on every calendar, nor the reverse).
void check_deadline_bound(const YamlSource& yaml, const YAML::Node& at, const StepRule& step,
                          const RuleBounds& bounds);

// The first required party without a step that always runs, or "" when each
// has one.
std::string missing_required_party(const CaseKindRules& rules, const RuleBounds& bounds);

// Fails at `at` when the term's max_months (or default) exceeds the bound.
void check_term_bound(const YamlSource& yaml, const YAML::Node& at, const TermRule& term,
                      const RuleBounds& bounds);

}  // namespace xueji
