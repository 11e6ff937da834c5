#include "adapters/http/chinese_terms.h"

#include <map>

namespace xueji::http {

std::string party_in_chinese(const std::string& step) {
  static const std::map<std::string, std::string> parties = {
      {"sending_school", "转出学校"},
      {"receiving_school", "转入学校"},
      {"sending_county", "转出地县级教育行政部门"},
      {"receiving_county", "转入地县级教育行政部门"},
      {"sending_city", "转出地市级教育行政部门"},
      {"receiving_city", "转入地市级教育行政部门"},
      {"sending_province", "转出地省级教育行政部门"},
      {"receiving_province", "转入地省级教育行政部门"},
      {"school", "学校"},
      {"county", "县级教育行政部门"},
      {"city", "市级教育行政部门"},
      {"province", "省级教育行政部门"},
      {"household_county", "户籍所在地县级教育行政部门"},
      {"superior", "上级教育行政部门"},
      {"term_end_review", "期满处理"},
  };
  const auto it = parties.find(step);
  return it == parties.end() ? step : it->second;
}

std::string term_in_chinese(const std::string& code) {
  static const std::map<std::string, std::string> terms = {
      // Case kinds (Art. 11-21).
      {"transfer", "转学"},
      {"leave", "休学"},
      {"resume", "复学"},
      {"deferral", "缓学"},
      {"withdrawal", "退学"},
      {"death_deregistration", "死亡注销"},
      {"graduation", "毕业（结业、肄业）"},
      {"info_change", "学籍信息变更"},
      {"grade_change", "升级、留级（降级）"},
      {"stage_handover", "升学衔接"},
      {"study_abroad", "出国（境）就读"},                   // Art. 20
      {"return_from_abroad", "回国（境）就读"},             // Art. 20
      {"specialised_school_entry", "进入专门学校"},         // Art. 11
      {"specialised_school_return", "专门学校返回原学校"},  // Art. 11
      {"roster_check", "学期学籍核准"},                     // Art. 25
      {"dropout_follow_up", "控辍保学跟踪"},                // Art. 17
      {"archive_build", "学籍档案建立"},
      {"archive_update", "学籍档案更新"},
      // Student statuses.
      {"enrolled", "在籍"},
      {"on_leave", "休学"},
      {"transfer_pending", "转学中"},
      {"deregistered", "已注销"},
      {"graduated", "毕业"},
      {"abroad", "出国（境）"},
      {"deferred", "缓学"},
      {"deceased", "死亡"},
      {"withdrawn", "退学"},
      {"completed", "结业"},
      {"incomplete", "肄业"},
      {"specialised_school", "专门学校就读"},
      // Decisions and outcomes.
      {"approve", "同意"},
      {"reject", "不同意"},
      {"approved", "同意"},
      {"rejected", "不同意"},
      // Org levels (Art. 5) and roles.
      {"ministry", "教育部"},
      {"registrar", "学籍管理员"},
      {"administrator", "系统管理员"},
      {"male", "男"},
      // School types (Art. 2) and the runs over many students (Art. 7, 19).
      {"primary", "小学"},
      {"junior", "初中"},
      {"senior", "高中"},
      {"nine_year", "九年一贯制学校"},
      {"twelve_year", "十二年一贯制学校"},
      {"special_education", "特殊教育学校"},
      {"specialised", "专门学校"},
      {"promotion", "升级"},
      {"female", "女"},
  };
  if (const auto it = terms.find(code); it != terms.end()) return it->second;
  return party_in_chinese(code);
}

}  // namespace xueji::http
