#include "adapters/http/notice_text.h"

#include <utility>

#include "adapters/http/chinese_terms.h"

namespace xueji::http {
namespace {

// The outcome a completion notice's English text names.
std::string outcome_in_chinese(const std::string& text) {
  static const std::pair<const char*, const char*> outcomes[] = {{" approved", "已同意"},
                                                                 {" rejected", "不同意"},
                                                                 {" withdrawn", "已撤回"},
                                                                 {" superseded", "已终止"}};
  for (const auto& [english, chinese] : outcomes) {
    if (text.find(english) != std::string::npos) return chinese;
  }
  return "已办结";
}

}  // namespace

std::string notice_in_chinese(const Notice& n, const OrgTree& orgs) {
  const std::string head = "业务 " + n.case_id;
  const Org* addressee = orgs.find(n.org);
  const std::string name = addressee != nullptr ? addressee->name : n.org;
  const std::string step = "「" + party_in_chinese(n.step) + "」环节";
  if (n.kind == "reminder") {
    return head + "：" + step + "将于 " + n.due + " 到期，请及时办理。";
  }
  if (n.kind == "escalation") {
    return head + "：" + step + "逾期未办理，已上报" + name +
           (n.due.empty() ? "，请及时办理。" : "，请于 " + n.due + " 前办理。");
  }
  if (n.kind == "completion") return head + " 已办结：" + outcome_in_chinese(n.text) + "。";
  if (n.kind == "informed") return head + " 已办结：" + outcome_in_chinese(n.text) + "（备案）。";
  if (n.kind == "redated") {
    const std::string moved = n.previous_due == n.due ? "，与此前告知的日期相同"
                                                      : "（此前告知为 " + n.previous_due + "）";
    return head + "：" + step + "的办理期限为 " + n.due + moved +
           (n.provisional ? "，仍为暂定日期。" : "：当年放假安排已公布，期限不再变动。");
  }
  if (n.kind == "handed_over") {
    // engine/case/notice.cc: "school X merged into Y" or "school X closed".
    const bool merged = n.text.find(" merged into ") != std::string::npos;
    return head + "：原学校" + (merged ? "已合并" : "已撤销") + "，由" + name + "接续办理" +
           (n.step.empty() ? "。" : "，" + step + (n.due.empty() ? "" : "期限为 " + n.due) + "。") +
           "（第十二条）";
  }
  if (n.kind == "term_ended") {
    return n.text.find("ended early") != std::string::npos
               ? head + "：期限提前结束。"
               : head + "：期限已满，请办理复学或续期。";
  }
  return n.text;
}

}  // namespace xueji::http
