#pragma once
// A kind's statutory bounds, declared in its national file's `bounds:` block,
// which no province's overlay (and not the national file itself) may leave.
// Art. 29 lets a province write its own detailed rules, but "根据本办法":
// inside the Measures. A bound the Measures do not fix is not declared,
// never invented. The loader checks them (rule_bounds.h); the rule set keeps
// them so a rule author can read them beside the plan (`workflows show`).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/workflow/period.h"

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

}  // namespace xueji
