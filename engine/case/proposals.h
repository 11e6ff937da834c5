#pragma once
// Internal to the decider: the record fields a case proposes (an
// info_change's new name, a grade_change's grade, graduation's ending),
// checked when the case opens so that its approval can only write values
// that were valid then and still replace what they replaced (student_effect.h).

#include <map>
#include <string>

#include "engine/case/case_command.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"
#include "engine/workflow/case_kind_rules.h"

namespace xueji {

// The values the student's record holds of the fields `cmd` proposes: what
// the completion's compare-and-set rests on. Refuses, changing nothing:
//   invalid_field  a record field the kind does not change; a value that is
//                  no value of its field, or is what the record holds;
//                  a resident ID whose birth date or sex the record, once
//                  changed, would contradict (GB 11643)
//   missing_field  a kind that changes the record, given nothing to change;
//                  a change of the special-needs mark without the expert
//                  committee's assessment_ref (Art. 14)
//   rule_refused   a value the kind does not allow (graduation's endings),
//                  a grade more than one away (Art. 7), a stage skipped, a
//                  status the student's status machine forbids
// `assessed`: the special-education variant (special_education.h), whose
// grade is not held to Art. 7's one grade inside the stage, nor to Art.
// 14's first grade of the next stage.
Result<std::map<std::string, std::string>> check_proposals(const CaseKindRules& rules,
                                                           const OpenCase& cmd, Instant now,
                                                           bool assessed = false);

}  // namespace xueji
