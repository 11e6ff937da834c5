#pragma once
// The preconditions a province's overlay may add to a kind (issue 16,
// "Bounds"; docs/workflows.md, "Preconditions an overlay may add"): a
// small, closed vocabulary of named predicates with parameters, checked
// by the pure engine when a case opens, after the national ones.
//
// They only add refusals. Every national precondition still applies, an
// overlay can neither drop nor change one (Art. 29: a province's rules are
// made 根据本办法, inside the Measures), and the loader refuses a parameter
// that would read as permitting what the national rule refuses (a grade_in
// listing a grade the national file excludes).
//
//   preconditions:
//     - not_in_final_term_of_graduating_grade: {spring_term_from: "02-01"}
//       article: Art. 15
//     - not_within_days_of_term_end: 10        # or {days: 10, term_ends: ["01-20"]}
//     - grade_in: [1, 2, 3]
//     - requires_fields: [reason_code]
//
// Each entry names one predicate and the article or province rule it
// enforces (`article`, required), with an optional `reason`, the refusal's
// first words.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/result.h"
#include "engine/core/yaml_source.h"
#include "engine/org/school_type.h"
#include "engine/student/student.h"
#include "engine/workflow/school_year.h"

namespace xueji {

struct CaseKindRules;

struct OverlayPrecondition {
  enum class Name {
    // The student is not in the last term of a graduating grade: a grade
    // that ends its stage (6, 9, 12) at a school not teaching the next
    // stage, on a day from `spring_term_from` to the day before the
    // province's promotion date (the school year's end, school_year.h).
    not_in_final_term_of_graduating_grade,
    // Today is not among the last `days` calendar days of a term (its last
    // day included): the school year's end (the day before the province's
    // promotion date) and each of `term_ends`.
    not_within_days_of_term_end,
    // The student's grade is one of `grades`.
    grade_in,
    // The opening request carries each of `fields` (overlay_field_names()).
    requires_fields,
  };
  Name name = Name::grade_in;
  PromotionDate spring_term_from;        // not_in_final_term_of_graduating_grade
  int days = 0;                          // not_within_days_of_term_end
  std::vector<PromotionDate> term_ends;  // not_within_days_of_term_end: each term's last day
  std::vector<int> grades;               // grade_in
  std::vector<std::string> fields;       // requires_fields
  // Where it comes from, for the refusal: the rule file and line, the
  // province and the article or province rule it enforces.
  std::string file;
  int line = 0;
  std::string province;
  std::string article;
  std::string reason;  // the refusal's first words; a default by name when the file gives none
};

std::string_view to_string(OverlayPrecondition::Name name);
// The vocabulary, in the order of the enum (for error messages and docs).
const std::vector<std::string>& overlay_precondition_names();
// The opening fields an overlay may require (requires_fields): reason_code
// (the province's code for why the case is opened, 申请原因代码) and
// evidence_ref (the reference of the supporting document, 证明材料编号).
const std::vector<std::string>& overlay_field_names();

// The parameters in words, for a rule author (`xueji workflows show`):
// "spring term from 02-01", "the last 10 days of a term ending 01-20 or at
// the school year's end", "grades 10, 11", "fields reason_code".
std::string describe_parameters(const OverlayPrecondition& pre);

// What an opening is checked on, gathered by the decider.
struct OpeningFacts {
  Date today;                               // Beijing date of the opening
  const Student* student = nullptr;         // nullptr for a child (deferral)
  std::optional<GradeRange> school_grades;  // the student's school's grades; none when untyped
  PromotionDate school_year_start;          // the province's promotion date (school_year.h)
  const std::map<std::string, std::string>* fields = nullptr;  // the opening request's
};

// Status() when `pre` holds; otherwise "rule_refused" naming the reason, what
// was found, the predicate, its rule file:line, the province and article.
Status check_overlay_precondition(const OverlayPrecondition& pre, const OpeningFacts& facts);

// Loader: an overlay's `preconditions:` list for `national` (the kind's
// rules before the overlay). Throws SourceError at file:line for an unknown
// name, a bad parameter, a missing article, a national precondition's keys
// (an overlay cannot change those) or a parameter that would weaken a
// national precondition.
std::vector<OverlayPrecondition> read_overlay_preconditions(const YamlSource& yaml,
                                                            const YAML::Node& list,
                                                            const CaseKindRules& national,
                                                            const std::string& province);

}  // namespace xueji
