#pragma once
// The grade a student back from abroad re-enters (Art. 20: 回到境内后仍需
// 接受基础教育的,应凭相应学习记录进入对应年级就读。接收学生的具体办法由
// 省级教育行政部门制定). The Measures leave the rule to the province; the
// kind's national file names the default, a province's overlay its own:
//
//   return_grade: {by: school}                     # national default
//   return_grade: {by: age, below: 1, above: 0}    # a province's rule
//
// `by: school`: the receiving school places the student by the learning
// record, in any grade the school teaches (Art. 2). `by: age`: around the
// grade of the student's age, the grade a child entering at six (Art. 11)
// on the province's cut-off would be in this school year: at most `below`
// grades under it and `above` over it. Either way the school must teach
// the grade (checked by the decider, which has the org tree).

#include <string>

#include "engine/calendar/date.h"
#include "engine/core/result.h"
#include "engine/core/yaml_source.h"
#include "engine/workflow/school_year.h"

namespace xueji {

struct ReturnPlacement {
  enum class Basis { school, age };
  Basis basis = Basis::school;
  int below = 0;  // by age: grades under the age's grade the school may place
  int above = 0;  // by age: grades over it

  // Whether `grade` fits this rule for a student born on `birth`, placed on
  // `today` in a province whose school year is `year`; "rule_refused"
  // naming the province, the age's grade, the grades allowed and Art. 20
  // otherwise.
  Status check(int grade, Date birth, Date today, const SchoolYearRule& year) const;
};

// The grade of a student born on `birth` on `today`: the school year under
// way (from the province's promotion date) minus the year they would have
// entered at six on the province's entry cut-off (Art. 11), plus one. May
// fall outside 1..12 for a very young or old student.
int grade_of_age(Date birth, Date today, const SchoolYearRule& year);

// Reads `return_grade:`; throws SourceError naming the file and line of an
// unknown key, an unknown basis, or `below`/`above` with `by: school`.
ReturnPlacement read_return_placement(const YamlSource& yaml, const YAML::Node& node);

// "by school" or "by age, 1 below to 0 above": what `workflows show` prints.
std::string to_string(const ReturnPlacement& placement);

}  // namespace xueji
