#pragma once
// Loads workflow rules from their YAML files (see docs/workflows.md):
//   <dir>/national/<kind>.yaml             the Measures' defaults, one file per kind
//   <dir>/provinces/<code>/<kind>.yaml     a province's overlay for a kind
//   <dir>/provinces/<code>/school_year.yaml  its promotion date (school_year.h)
// and validates everything. All or nothing: one bad file refuses the load
// with "file:line: reason", and whatever rules were in force stay in force.

#include <string>
#include <vector>

#include "engine/core/result.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

struct RuleSource {
  std::string file;  // the path, as reported in errors and hashed into the version
  std::string text;
};

Result<RuleSet> load_rules(const std::string& dir);
// `national` and `overlays` are told apart by their content (`province:`).
Result<RuleSet> load_rules(const std::vector<RuleSource>& sources);

}  // namespace xueji
