// Problem details in Chinese: each refusal a registrar can meet, as the
// engine words it, rendered by the catalogue with its codes, numbers and
// articles kept; a detail the catalogue does not know is left as it is.

#include "adapters/http/detail_language.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace xueji::http {
namespace {

// English details as the engine and the routes write them, and their
// Chinese. Each row could fail: a pattern that stops matching its message
// (the engine's wording changed) gives "" here.
const std::vector<std::pair<std::string, std::string>> kExamples = {
    {"missing field 'name'", "缺少字段 name"},
    {"field 'name' holds a NUL character (\\u0000)", "字段 name 含有 NUL 字符（\\u0000）"},
    {"key 'school' is given twice", "键 school 重复出现"},
    {"field 'grade' must be a whole number 1-12", "字段 grade 必须是 1 到 12 的整数"},
    {"field 'birth_date' must be a date YYYY-MM-DD, not '2025-02-29'",
     "字段 birth_date 必须是 YYYY-MM-DD 格式的日期，而不是“2025-02-29”"},
    {"query parameter 'limit' must be a whole number from 1 to 500, not '0'",
     "查询参数 limit 必须是 1 到 500 的整数，而不是“0”"},
    {"query parameter 'cursor' belongs to list 'pending', not to 'notices'",
     "查询参数 cursor 属于列表 pending，不属于列表 notices"},
    {"no case 'C42'", "业务 C42 不存在"},
    {"unknown organisation '999'", "单位 999 不存在"},
    {"account 'reg.4501020001' of org 4501020001 cannot decide step 'sending_county' of case "
     "C7: it is assigned to org 450102",
     "4501020001 的账号 reg.4501020001 无权办理业务 C7 的「转出地县级教育行政部门」环节：该环节"
     "由单位 450102 办理"},
    {"account 'reg.450102' of org 450102 cannot read org 450103, outside its subtree",
     "450102 的账号 reg.450102 无权查看单位 450103：不在管辖范围内"},
    {"step 'sending_school' is already decided (approve by 4501020001)",
     "「转出学校」环节已办理（4501020001：同意）"},
    {"step 'receiving_school' is for receiving_school 4501030001 (escalated to 450103); "
     "'4501020001' is not that party",
     "「转入学校」环节由单位 4501030001 办理（已上报 450103）；“4501020001”不是该办理单位"},
    {"decision must be 'approve' or 'reject', not 'maybe'",
     "办理意见必须是 approve（同意）或 reject（不同意），而不是“maybe”"},
    {"only an enrolled student can transfer: the student is on_leave (Art. 15)",
     "只有在籍学生才能转学：学生当前为“休学”（第十五条）"},
    {"withdrawal (退学) is not allowed in compulsory education (grades 1-9): the student is in "
     "grade 5 (Art. 18)",
     "义务教育阶段（1 至 9 年级）不得办理退学：学生在 5 年级（第十八条）"},
    {"a deferral is for a child of the entry age, 6 on 2026-08-31; this child is 15 (Art. 11)",
     "缓学仅适用于入学年龄（截至 2026-08-31 为 6 周岁）的儿童；该儿童为 15 周岁（第十一条）"},
    {"months '36': a leave lasts 1 to 12 months (Art. 16)",
     "期限“36”：休学期限为 1 到 12 个月（第十六条）"},
    {"resident ID '45010220150101001': has 17 characters, expected 18",
     "身份证件号码“45010220150101001”：有 17 位，应为 18 位"},
    {"missing field 'gender': a student with no usable ID is registered under a J number by "
     "birth date and gender (Art. 8, 10)",
     "缺少字段 gender：没有可用身份证件的学生，按出生日期和性别以 J 号注册学籍（第八条、第十条）"},
    {"account 'reg.450102' was sealed on 2026-03-02 after more than six months unused (封存); "
     "an administrator of a higher level must unseal it",
     "账号 reg.450102 超过六个月未使用，已于 2026-03-02 "
     "封存；须由上级系统管理员解封（第二十四条）"},
    {"the password must have at least 12 characters, not 5", "密码至少需要 12 个字符，当前为 5 个"},
    {"token T1 expired at 2026-01-01T08:00:00Z; sign in again",
     "登录凭证 T1 已于 2026-01-01T08:00:00Z 过期，请重新登录"},
    {"field 'to': '2026-13-01T00:00:00Z' is not an RFC 3339 instant such as "
     "2025-09-26T10:00:00+08:00: expected the time as hh:mm:ss",
     "字段 to：“2026-13-01T00:00:00Z”不是 RFC 3339 格式的时刻（例如 "
     "2025-09-26T10:00:00+08:00）：时间应为 hh:mm:ss"},
    {"only a student studying abroad can return from abroad: the student is enrolled (Art. 20)",
     "只有出国（境）就读的学生才能回国（境）就读：学生当前为“在籍”（第二十条）"},
    {"a student back from abroad enters, by 450000's rule, the grade of their age, 6 (born "
     "2013-09-15): grades 5 to 6, not 4 (Art. 20)",
     "按 450000 的规定，回国（境）学生按年龄编入 6 年级（2013-09-15 出生），可编入 5 至 6 "
     "年级，不能编入 4 年级（第二十条）"},
    // The termly check (Art. 25) and its follow-up (Art. 17); Art. 14.
    {"a grade_change of a special-education student needs 'assessment_ref', the expert "
     "committee's assessment it rests on (Art. 14)",
     "特殊教育学生的升级、留级（降级）须填写 assessment_ref，即所依据的残疾人教育专家委员会评估结果"
     "（第十四条）"},
    {"term '2026-2028-1' is no school term: write YYYY-YYYY-1 or -2, the school year and its "
     "first or second term (Art. 25)",
     "学期“2026-2028-1”格式有误：应写作 YYYY-YYYY-1 或 YYYY-YYYY-2，即学年及其第一或第二学期"
     "（第二十五条）"},
    {"not_attending[1]: student G1 is on the roster of school 4501030001, not of 4501020001",
     "not_attending 第 1 项：学生 G1 在学校 4501030001 的名册上，不在学校 4501020001 的名册上"},
    {"not_attending[0]: student G1 is on_leave, not enrolled: a case accounts for them already",
     "not_attending 第 0 项：学生 G1 当前为“休学”，不是在籍在校：已有业务记录其去向"},
    {"not_attending[2]: no registration 'G000'", "not_attending 第 2 项：学籍 G000 不存在"},
    {"a deferral case takes no 'school' (only a school's own case, a roster_check, names one)",
     "缓学业务不填写字段 school（只有以学校为对象的学期学籍核准填写）"},
    {"a deferral is for a child of the entry age, 6 on 2028-08-31, or up to 7 after 1 school "
     "year(s) deferred; this child is 8 (Art. 11)",
     "缓学仅适用于入学年龄（截至 2028-08-31 为 6 周岁）的儿童，已缓学 1 学年的可至 7 "
     "周岁；该儿童为 8 周岁（第十一条）"},
    {"case 'C1' is a transfer, not a termly check (roster_check, Art. 25)",
     "业务 C1 是转学业务，不是学期学籍核准（第二十五条）"},
    {"only an enrolled student is followed up for not attending; leave, study abroad and a "
     "specialised school have their own cases: the student is abroad (Art. 25)",
     "只有在籍学生才进行控辍保学跟踪；休学、出国（境）就读和进入专门学校另有业务办理：学生当前为"
     "“出国（境）”（第二十五条）"},
    // A change to the schools (Art. 12).
    {"account 'reg.4501020001' of org 4501020001 is a school's; a school is opened, renamed, "
     "merged or closed by the department above it (Art. 12)",
     "4501020001 的账号 reg.4501020001 "
     "是学校的账号；学校的设立、更名、合并和撤销由其上级教育行政部门办理（第十二条）"},
    {"account 'reg.450103' of org 450103 cannot change a school under org 450102, outside its "
     "subtree",
     "450103 的账号 reg.450103 无权变更单位 450102 所属的学校：不在管辖范围内"},
    {"merge of school 4501020001: the successor 4501030001 is under 450103, not under the "
     "school's own superior 450102",
     "学校 4501020001 合并：接续单位 4501030001 隶属于 450103，与该校不属同一上级单位 450102"},
    {"merge of school 4501020001: a school merges into a school, not the county 450102",
     "学校 4501020001 合并：学校只能并入学校，不能并入单位 450102"},
    {"close of school 4501020001: its records go to the department above it (450102) or a "
     "school it names, not the county 450103",
     "学校 4501020001 撤销：其学籍档案移交上级教育行政部门（450102）或其指定的学校，不能移交单位 "
     "450103"},
    {"unknown org change 'split' (open, rename, merge, close)",
     "学校变更类型“split”不存在（open 设立，rename 更名，merge 合并，close 撤销）"},
    {"account 'reg.4501020001' belongs to school 4501020001, which merged or closed; 4501020002 "
     "acts for it (Art. 12): use an account of 4501020002",
     "账号 reg.4501020001 属于已合并或撤销的学校 4501020001，由 4501020002 "
     "接续办理（第十二条），请使用 4501020002 的账号"},
    {"org 4501020001 merged or closed; 4501020002 acts for it (Art. 12): no new account there",
     "单位 4501020001 已合并或撤销，由 4501020002 接续办理（第十二条），不再开设账号"},
    {"school 4501020001 merged or closed; 4501020002 acts for it (Art. 12)",
     "学校 4501020001 已合并或撤销，不再注册学生，由 4501020002 接续办理（第十二条）"},
    {"to_school 4501020001 merged or closed; 4501020002 acts for it (Art. 12)",
     "转入学校 4501020001 已合并或撤销，不能转入，由 4501020002 接续办理（第十二条）"},
    {"open of school 4501020009: a new school needs its type (Art. 2)",
     "设立学校 4501020009：设立学校须填写学校类型（第二条）"},
    // A special-education student (Art. 14).
    {"a change of the special-needs mark (随班就读) needs 'assessment_ref', the expert "
     "committee's assessment it rests on (Art. 14)",
     "随班就读标记的变更须填写 assessment_ref，即所依据的残疾人教育专家委员会评估结果（第十四条）"},
    {"field 'special_needs' is not set by a registration: once the student is registered, an "
     "info_change naming the expert committee's assessment (assessment_ref) sets it and the "
     "county approves it (Art. 14)",
     "注册学籍时不能填写 special_needs（随班就读标记）：须在注册后以信息变更（info_change）"
     "提出，填写残疾人教育专家委员会评估结果（assessment_"
     "ref），由县级学籍管理部门审批（第十四条）"},
    {"a graduation of a special-education student needs 'assessment_ref', the expert "
     "committee's assessment it rests on (Art. 14)",
     "特殊教育学生的毕业（结业、肄业）须填写 "
     "assessment_ref，即所依据的残疾人教育专家委员会评估结果（第十四条）"},
    {"field 'special_needs': 'yes' is not true or false",
     "字段 special_needs：“yes”不是 true（是）或 false（否）"},
};

TEST(DetailLanguage, EveryExampleReadsInChinese) {
  for (const auto& [english, chinese] : kExamples) {
    EXPECT_EQ(chinese_detail(english), chinese) << english;
  }
}

TEST(DetailLanguage, OrgCodesReadWithTheNamesTheOrgFileGives) {
  const OrgNames names = [](const std::string& code) {
    return code == "450102" ? std::string("兴宁区") : std::string();
  };
  EXPECT_EQ(chinese_detail("account 'reg.450102' of org 450102 cannot read org 450103, outside its "
                           "subtree",
                           names),
            "兴宁区（450102） 的账号 reg.450102 无权查看单位 450103：不在管辖范围内");
}

TEST(DetailLanguage, AnUnknownDetailIsLeftToTheCaller) {
  EXPECT_EQ(chinese_detail("something the catalogue has never seen"), "");
  EXPECT_EQ(chinese_detail(""), "");
  // A detail quoting a long path is not matched at all (the matcher's stack).
  EXPECT_EQ(chinese_detail("no route GET /" + std::string(5000, 'a')), "");
  EXPECT_EQ(chinese_detail("no route GET /v1/nothing"), "没有路由 GET /v1/nothing");
}

TEST(DetailLanguage, ArticlesAreCitedAsTheMeasuresNumberThem) {
  EXPECT_EQ(articles_in_chinese("(Art. 5)"), "(第五条)");
  EXPECT_EQ(articles_in_chinese("Art. 10; Art. 21 and Art. 8, 10"),
            "第十条; 第二十一条 and 第八条、第十条");
  EXPECT_EQ(articles_in_chinese("no article"), "no article");
}

}  // namespace
}  // namespace xueji::http
