#pragma once
// The fields of the termly check (Art. 25) and of the follow-up it opens
// (Art. 17): the school term a check is of, and what a school found of a
// student it marks as not attending. Checked when a case opens, so a bad
// value is refused before anything is written.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"

namespace xueji {

// A school term: "2026-2027-1" is the first (autumn) term of the school
// year 2026-2027, "-2" its second (spring) term. Art. 25 asks a check at
// least once each term. "invalid_field" names the text and the form.
Status check_school_term(std::string_view text);

// What a school found of a student on its roster who is not in its
// classes (Art. 25: 人籍分离、空挂学籍; Art. 17: 辍学):
//   dropped_out    辍学: in no school at all (Art. 17's 劝返复学)
//   separated      人籍分离: studying somewhere the record is not
//   empty_record   空挂学籍: the record rests here with nobody behind it
const std::vector<std::string>& finding_names();
// "invalid_field" names the text and the findings.
Status check_finding(std::string_view text);

// check_school_term and check_finding on the opening's `term` and
// `finding`, when it carries them.
Status check_roster_fields(const std::map<std::string, std::string>& fields);

}  // namespace xueji
