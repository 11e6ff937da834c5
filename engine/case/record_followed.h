#pragma once
// RecordFollowed (case_command.h) across a student's cases: which of them
// end when a transfer moves the record (Art. 12: 籍随人走; Art. 17: the
// dropout follow-up a transfer resolves). The runtime sends the command to
// each open case and the others refuse it; the simulator asks first, so
// its output shows no refusal for them.

#include "engine/case/case_command.h"
#include "engine/case/case_state.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

// Whether `other` ends when `followed` moves the record: an open case,
// not the mover, of a kind that ends then, resting on the school left.
bool ends_when_followed(const CaseState& other, const RecordFollowed& followed,
                        const RuleSet& rules);

}  // namespace xueji
