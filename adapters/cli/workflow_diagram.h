#pragma once
// A resolved plan (engine/workflow/resolved_plan.h) as a Graphviz digraph,
// for `xueji workflows show --dot`: the opening, each step as a node
// labelled with its party, level and deadline, solid edges in the order the
// steps run, and from each step a dashed edge to the superior level its
// missed deadline escalates to (Art. 25: never silent expiry). `dot -Tpng`
// renders it; the labels carry Chinese, so the font is a CJK one.

#include <string>

#include "engine/workflow/resolved_plan.h"

namespace xueji::cli {

std::string plan_as_dot(const ResolvedPlan& plan);

// A period in the table's and the diagram's words: "10 working days",
// "1 working day", "2 months".
std::string period_words(const Period& period);

}  // namespace xueji::cli
