#pragma once
// Internal to the rule loader: a kind's statutory bounds, declared in its
// national file's `bounds:` block, which no province's overlay (and not the
// national file itself) may leave. Art. 29 lets a province write its own
// detailed rules, but "根据本办法": inside the Measures. A bound the Measures
// do not fix is not declared, never invented. Failures throw SourceError
// naming the file, the line, the bound and its article.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/yaml_source.h"
#include "engine/workflow/case_kind_rules.h"

namespace xueji {

struct RuleBounds {
  struct Deadline {
    Period most;          // the longest deadline the party may get
    std::string article;  // e.g. "Art. 15"
  };
  // By party (see is_known_party): every step that party answers.
  std::map<std::string, Deadline> max_deadline;
  // Parties that must answer a step of every case of the kind: a step of
  // theirs that always runs (a province may neither drop it nor make it
  // conditional).
  std::vector<std::string> required_steps;
  std::string required_article;
  // The longest term, in months (leave: one year, Art. 16).
  std::optional<int> max_term_months;
  std::string term_article;
};

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
