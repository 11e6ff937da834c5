#pragma once
// Art. 14: 适度放开特殊教育学生学籍变动权限,由其所在校委托残疾人教育专家委员会进行
// 评估,依据评估结果判定学生是否升级就读 ... 情况特殊的可以允许其降级就读,并在学籍
// 系统中完成登记,交由上级学籍管理部门审批.
//
// A kind whose rules declare the special-education variant (grade_change)
// runs it for a student of a special-education school (school type
// special_education, Art. 2): the expert committee's assessment is named
// among the fields, and the grade may be any the school teaches, not only
// Art. 7's one grade up or down; the kind's own steps take it to the
// superior. Not a second kind: the same case, its checks relaxed by the
// assessment. (A special-education school teaches grades 1 to 12, Art. 2:
// any valid grade is one it teaches.)

#include "engine/case/case_command.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/workflow/case_kind_rules.h"

namespace xueji {

// Whether `cmd` runs the variant: its kind declares it and the student's
// school is a special-education school. Then the variant's fields are
// required: "missing_field" names the first one absent and the article.
Result<bool> special_education_variant(const CaseKindRules& rules, const OpenCase& cmd,
                                       const OrgTree& orgs);

}  // namespace xueji
