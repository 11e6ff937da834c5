#pragma once
// A case whose parties sit in two provinces (a transfer from Zhejiang to
// Guangxi): each province's rules govern its own parties. Art. 5 puts each
// province in charge of registration in its own territory and Art. 29 has it
// write the detailed rules; the receiving county of another province is not
// bound by the sending province's rules, and keeps Art. 15's 10 working days
// unless its own province's rules say otherwise.

#include "engine/workflow/case_kind_rules.h"

namespace xueji {

// Whether `party` acts for the receiving side (receiving_school, _county,
// _city, _province). A "superior" step acts for the side of the step before it.
bool is_receiving_party(const std::string& party);

// The rules a cross-province case runs on: `sending`'s (the student's
// province's) steps for the sending side, and in place of its receiving
// steps, `receiving`'s (the receiving school's province's) receiving steps,
// with their deadlines, reminders and follow-ups. Everything but the steps is
// `sending`'s. The receiving steps go where `sending` had its first, or last
// when it had none.
CaseKindRules rules_of_each_party(const CaseKindRules& sending, const CaseKindRules& receiving);

}  // namespace xueji
