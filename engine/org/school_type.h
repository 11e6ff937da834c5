#pragma once
// A school's type (Art. 2: 小学, 初中, 普通高中, 特殊教育学校, 专门学校, and
// the schools that run several stages in one, 九年一贯制 and 十二年一贯制)
// and the grades it teaches, which follow from the type. Registration
// refuses a grade the school does not teach; the yearly promotion (Art. 7)
// moves a student across a stage boundary only inside a school that
// teaches both sides of it.

#include <optional>
#include <string_view>
#include <vector>

#include "engine/core/result.h"

namespace xueji {

class OrgTree;

enum class SchoolType {
  primary,            // 小学: grades 1-6
  junior,             // 初中: 7-9
  senior,             // 普通高中: 10-12
  nine_year,          // 九年一贯制学校: 1-9
  twelve_year,        // 十二年一贯制学校: 1-12
  special_education,  // 特殊教育学校: 1-12 (compulsory and senior stages)
  specialised,        // 专门学校: 7-12 (see grades_of)
};

std::string_view to_string(SchoolType type);
// The type named by its to_string() text; "invalid_org" listing the types
// otherwise.
Result<SchoolType> parse_school_type(std::string_view text);

// The grades a school of `type` teaches: first..last, both included.
struct GradeRange {
  int first = 1;
  int last = 12;
  bool contains(int grade) const { return grade >= first && grade <= last; }
};
GradeRange grades_of(SchoolType type);

// The last grades of a stage (6, 9) that a school of `type` carries on
// from within itself: grade 6 at a nine-year school, 6 and 9 at a
// twelve-year school. Art. 7: those students' move to the next grade is a
// normal promotion, not a move to another school's stage.
std::vector<int> promoted_across_stages(SchoolType type);

// Whether `school` teaches `grade`. A school the tree gives no type (a tree
// built in code or read from a database seeded before types existed) is
// taken to teach 1-12. Errors: "unknown_org" when `school` is not a school
// of the tree; "rule_refused" naming the school, its type, the grade and
// Art. 2 when the type does not teach the grade.
Status check_grade_at_school(const OrgTree& orgs, std::string_view school, int grade);

}  // namespace xueji
