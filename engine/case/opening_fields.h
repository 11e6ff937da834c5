#pragma once
// The fields an opening request may carry (OpenCase::fields), by name: the
// case's own (to_school, household_county, months; a death's date_of_death
// and learned_on, engine/case/reported_dates.h; reason_code and
// evidence_ref, which a province's overlay may require,
// engine/workflow/overlay_precondition.h; a termly check's school and
// term and a follow-up's finding, engine/case/roster_fields.h; the expert
// committee's assessment_ref, engine/case/special_education.h) and the
// record fields a
// kind may propose (engine/student/record_fields.h). A kind's rule file
// names those it takes; the HTTP body, a scenario's `open` and the rule
// loader all read this one list.

#include <string>
#include <string_view>
#include <vector>

namespace xueji {

// to_school, household_county, months, date_of_death, learned_on,
// reason_code, evidence_ref, school, term, finding, assessment_ref, then
// record_field_names().
const std::vector<std::string>& opening_field_names();
bool is_opening_field(std::string_view name);
// The names, comma-separated, for an error message.
std::string listed_opening_fields();

}  // namespace xueji
