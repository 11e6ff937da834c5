// The refusals of the newer kinds in Chinese (detail_patterns.h's format):
// Art. 25's termly check, Art. 17's follow-up, Art. 14's special-education
// variant and its special-needs mark (随班就读).

#include "adapters/http/detail_patterns.h"

namespace xueji::http {

const std::vector<DetailPattern>& kind_detail_patterns() {
  static const std::vector<DetailPattern> patterns = {
      {R"(term '(.*)' is no school term: write YYYY-YYYY-1 or -2, the school year and its first or second term \((.*)\))",
       "学期“{1}”格式有误：应写作 YYYY-YYYY-1 或 YYYY-YYYY-2，即学年及其第一或第二学期（{2}）"},
      {R"(finding '(.*)' is not one of (.*) \((.*)\))",
       "核查结论“{1}”无效，应为 {2} 之一（dropped_out 辍学，separated 人籍分离，"
       "empty_record 空挂学籍；{3}）"},
      {R"(school '(.*)' is not a known school)", "学校 {1} 不存在"},
      {R"(a (\w+) case takes no 'school' \(only a school's own case, a roster_check, names one\))",
       "{1t}业务不填写字段 school（只有以学校为对象的学期学籍核准填写）"},
      {R"(a (\w+) is about a school, not a student \((.*)\))",
       "{1t}以学校为对象，不针对学生（{2}）"},
      {R"(account '([^']*)' may not open termly checks: a province's registrar opens its schools' checks \((.*)\))",
       "账号 {1} 无权开启学期学籍核准：由省级学籍管理部门为本省学校开启（{2}）"},
      {R"(case '(.*)' is a (\w+), not a termly check \(roster_check, (.*)\))",
       "业务 {1} 是{2t}业务，不是学期学籍核准（{3}）"},
      {R"(field 'not_attending' must be a list)", "字段 not_attending 必须是列表"},
      {R"(not_attending\[(\d+)\] must be an object)", "not_attending 第 {1} 项必须是对象"},
      {R"(not_attending\[(\d+)\]: (.*))", "not_attending 第 {1} 项：{2*}"},
      {R"(student (\S+) is on the roster of school (\S+), not of (\S+))",
       "学生 {1} 在学校 {2} 的名册上，不在学校 {3} 的名册上"},
      {R"(student (\S+) is (\w+), not enrolled: a case accounts for them already)",
       "学生 {1} 当前为“{2t}”，不是在籍在校：已有业务记录其去向"},
      {R"(student (\S+) is named twice)", "学生 {1} 重复列出"},
      {R"(only an enrolled student is followed up for not attending; leave, study abroad and a specialised school have their own cases)",
       "只有在籍学生才进行控辍保学跟踪；休学、出国（境）就读和进入专门学校另有业务办理"},
      {R"(a (\w+) of a special-education student needs '(\w+)', the expert committee's assessment it rests on \((.*)\))",
       "特殊教育学生的{1t}须填写 {2}，即所依据的残疾人教育专家委员会评估结果（{3}）"},
      {R"(a change of the special-needs mark \(随班就读\) needs '(\w+)', the expert committee's assessment it rests on \((.*)\))",
       "随班就读标记的变更须填写 {1}，即所依据的残疾人教育专家委员会评估结果（{2}）"},
      {R"(field 'special_needs' is not set by a registration: once the student is registered, an info_change naming the expert committee's assessment \(assessment_ref\) sets it and the county approves it \((.*)\))",
       "注册学籍时不能填写 special_needs（随班就读标记）：须在注册后以信息变更（info_change）"
       "提出，填写残疾人教育专家委员会评估结果（assessment_ref），由县级学籍管理部门审批（{1}）"},
      {R"(is not true or false)", "不是 true（是）或 false（否）"},
      {R"(a deferral is for a child of the entry age, (6 or 7|6) on (\S+), or up to (\d+) after (\d+) school year\(s\) deferred; this child is (\d+) \((.*)\))",
       "缓学仅适用于入学年龄（截至 {2} 为 {1} 周岁）的儿童，已缓学 {4} 学年的可至 {3} "
       "周岁；该儿童为 {5} 周岁（{6}）"},
  };
  return patterns;
}

}  // namespace xueji::http
