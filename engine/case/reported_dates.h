#pragma once
// The dates a party reports when it opens a case about something that
// happened before (Art. 21: a student's death): `date_of_death`, and
// `learned_on`, the day the school learned of it, from which the school's
// 60 working days count. Both are what the opener says, checked only for
// what cannot be true; the engine's today comes from the caller (engine/
// never reads the clock).

#include <optional>
#include <string>
#include <string_view>

#include "engine/calendar/date.h"
#include "engine/case/case_command.h"
#include "engine/core/result.h"
#include "engine/workflow/case_kind_rules.h"

namespace xueji {

// Whether `field` is one of the reported dates (date_of_death, learned_on).
bool is_reported_date(std::string_view field);

// The reported dates among `cmd.fields` are real dates YYYY-MM-DD, none
// after `today`, and learned_on is not before date_of_death. "invalid_field"
// names the field and what is wrong with it.
Status check_reported_dates(const OpenCase& cmd, Date today);

// When the kind's first step counts from a reported date (`counts_from` in
// its rule file: a death's learned_on, Art. 21), the start of that Beijing
// day; none otherwise. Call after check_reported_dates.
std::optional<Instant> first_period_from(const CaseKindRules& rules, const OpenCase& cmd);

}  // namespace xueji
