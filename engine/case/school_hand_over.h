#pragma once
// HandOverSchool (case_command.h) across the open cases: which of them a
// school's merger or closure concerns (Art. 12). The runtime sends the
// command to each open case that may name the school, and the others
// refuse it; the simulator asks first.

#include <string>

#include "engine/case/case_state.h"

namespace xueji {

// Whether `state` is live (a step waiting, or a term running) and names
// `school`: as the org that opened it, a step's party or holder, in a
// field naming a school, as the org told of its approval or of its term's
// end, or as the school its student's record rested on when it opened.
bool names_school(const CaseState& state, const std::string& school);

}  // namespace xueji
