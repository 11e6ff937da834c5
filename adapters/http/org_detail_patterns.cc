// The refusals of a change to the schools (Art. 12) in Chinese
// (detail_patterns.h's format): POST /v1/org-changes, and a registration or
// transfer into a school that merged or closed.

#include "adapters/http/detail_patterns.h"

namespace xueji::http {

const std::vector<DetailPattern>& org_detail_patterns() {
  static const std::vector<DetailPattern> patterns = {
      // Who may (the tail of "account 'x' of org y ...").
      {R"(is a school's; a school is opened, renamed, merged or closed by the department above it \((.*)\))",
       "是学校的账号；学校的设立、更名、合并和撤销由其上级教育行政部门办理（{1}）"},
      {R"(cannot change a school under org (\S+), outside its subtree)",
       "无权变更单位 {1} 所属的学校：不在管辖范围内"},
      // The change itself (engine/org/org_change.h).
      {R"(open of school (\S+): (.*))", "设立学校 {1}：{2*}"},
      {R"(rename of school (\S+): (.*))", "学校 {1} 更名：{2*}"},
      {R"(merge of school (\S+): (.*))", "学校 {1} 合并：{2*}"},
      {R"(close of school (\S+): (.*))", "学校 {1} 撤销：{2*}"},
      {R"(a school cannot succeed itself)", "学校不能由自身接续"},
      {R"(the successor (\S+) is under (\S+), not under the school's own superior (\S+))",
       "接续单位 {1} 隶属于 {2}，与该校不属同一上级单位 {3}"},
      {R"(a school merges into a school, not the \w+ (\S+))", "学校只能并入学校，不能并入单位 {1}"},
      {R"(its records go to the department above it \((\S+)\) or a school it names, not the \w+ (\S+))",
       "其学籍档案移交上级教育行政部门（{1}）或其指定的学校，不能移交单位 {2}"},
      {R"(org (\S+) is a \w+, not a school)", "单位 {1} 不是学校"},
      {R"(the new name is empty)", "新名称为空"},
      {R"(the name is unchanged)", "名称未改变"},
      {R"(the code is taken by (.*))", "该代码已由{1}使用"},
      {R"(a new school needs a name)", "设立学校须填写名称"},
      {R"(a new school needs its type \((.*)\))", "设立学校须填写学校类型（{1}）"},
      {R"(unknown org change '(.*)' \(open, rename, merge, close\))",
       "学校变更类型“{1}”不存在（open 设立，rename 更名，merge 合并，close 撤销）"},
      {R"(unknown school type '(.*)' \((.*)\))", "学校类型“{1}”不存在（应为 {2} 之一）"},
      {R"(unknown parent '(.*)')", "上级单位 {1} 不存在"},
      // A school that merged or closed.
      {R"(account '(\S+)' belongs to school (\S+), which merged or closed; (\S+) acts for it \((.*)\): use an account of (\S+))",
       "账号 {1} 属于已合并或撤销的学校 {2}，由 {3} 接续办理（{4}），请使用 {5} 的账号"},
      {R"(school (\S+) merged or closed already; (\S+) acts for it \((.*)\))",
       "学校 {1} 已合并或撤销，由 {2} 接续办理（{3}）"},
      {R"(the successor (\S+) merged or closed already; (\S+) acts for it \((.*)\))",
       "接续单位 {1} 已合并或撤销，由 {2} 接续办理（{3}）"},
      {R"(org (\S+) merged or closed; (\S+) acts for it \((.*)\): no new account there)",
       "单位 {1} 已合并或撤销，由 {2} 接续办理（{3}），不再开设账号"},
      {R"(school (\S+) merged or closed; (\S+) acts for it \((.*)\))",
       "学校 {1} 已合并或撤销，不再注册学生，由 {2} 接续办理（{3}）"},
      {R"(to_school (\S+) merged or closed; (\S+) acts for it \((.*)\))",
       "转入学校 {1} 已合并或撤销，不能转入，由 {2} 接续办理（{3}）"},
  };
  return patterns;
}

}  // namespace xueji::http
