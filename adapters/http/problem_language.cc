#include "adapters/http/problem_language.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adapters/http/detail_language.h"
#include "adapters/http/problem.h"

namespace xueji::http {

using nlohmann::json;

namespace {

// The Measures' and the registrars' own words where they have them.
const std::map<std::string, std::string>& chinese_titles() {
  static const std::map<std::string, std::string> table = {
      {"malformed_json", "请求内容不是合法的 JSON"},
      {"missing_field", "缺少必填字段"},
      {"invalid_limit", "分页条数无效"},
      {"invalid_cursor", "分页游标无效"},
      {"invalid_query", "查询参数无效"},
      {"invalid_field", "字段取值无效"},
      {"not_found", "资源不存在"},
      {"unknown_case", "业务不存在"},
      {"unknown_org", "单位不存在"},
      {"unknown_year", "该年度无工作日历"},
      {"unknown_province", "省份代码不存在"},
      {"invalid_year", "年份格式无效"},
      {"unknown_student", "学生学籍不存在"},
      {"unknown_kind", "业务类型不存在"},
      {"unknown_step", "办理环节不存在"},
      {"invalid_decision", "办理意见无效"},
      {"invalid_resident_id", "身份证件号码无效"},
      {"invalid_grade", "年级无效"},
      {"rule_refused", "不符合办理规定"},
      {"invalid_org", "学校变更不符合规定"},
      {"org_closed", "学校已合并或撤销"},
      {"wrong_party", "不是该环节的办理单位"},
      {"step_closed", "该环节已办理"},
      {"step_not_active", "该环节尚未开始或已结束"},
      {"case_closed", "业务已办结"},
      {"case_exists", "业务已存在"},
      {"student_changed", "学籍已变动，业务已终止"},
      {"record_closed", "学籍已注销"},
      {"not_initiator", "不是业务发起单位"},
      {"duplicate_registration", "重复注册学籍"},
      {"stale_timer", "计时已失效"},
      {"invalid_clock_move", "时钟不能这样调整"},
      {"reload_refused", "规则未重新加载"},
      {"idempotency_key_reused", "幂等键已用于其他请求"},
      {"idempotency_key_in_use", "幂等键的请求正在处理"},
      {"unauthenticated", "请先登录"},
      {"invalid_token", "登录凭证无效"},
      {"token_expired", "登录已过期"},
      {"bad_credentials", "账号或密码错误"},
      {"out_of_jurisdiction", "超出管辖范围"},
      {"role_forbidden", "该角色无权办理"},
      {"capability_missing", "账号未被授予此项权限"},
      {"account_sealed", "账号已封存"},
      {"account_org_closed", "账号所属学校已合并或撤销"},
      {"password_expired", "密码已过期，请修改密码"},
      {"too_many_attempts", "密码错误次数过多，请稍后再试"},
      {"rate_limited", "请求过于频繁，请稍后再试"},
      {"weak_password", "密码强度不足"},
      {"unknown_account", "账号不存在"},
      {"unknown_token", "登录凭证不存在"},
      {"account_exists", "账号已存在"},
      {"not_sealed", "账号未封存"},
      {"store_failed", "数据库暂不可用"},
      {"store_unavailable", "数据库暂不可用"},
      {"engine_unavailable", "服务暂不可用"},
      {"outcome_unknown", "结果未知"},
      {"standby", "备用服务器"},
      {"lease_lost", "已失去引擎租约"},
      {"taking_over", "正在接管"},
      {"malformed_request", "HTTP 请求格式错误"},
      {"body_too_large", "请求内容过大"},
      {"unsupported_media_type", "不支持的内容类型"},
      {"headers_too_large", "请求头过大"},
      {"internal_error", "服务器内部错误"},
  };
  return table;
}

// One Accept-Language entry's weight: its q, 1 when absent, 0 when unreadable.
double weight_of(const std::string& parameters) {
  const auto q = parameters.find("q=");
  if (q == std::string::npos) return 1.0;
  try {
    return std::stod(parameters.substr(q + 2));
  } catch (...) {
    return 0.0;
  }
}

}  // namespace

bool prefers_english(const Request& request) {
  const auto header = request.headers.find("accept-language");
  if (header == request.headers.end()) return false;
  double english = -1, chinese = -1;
  std::stringstream entries(header->second);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    const auto semicolon = entry.find(';');
    std::string tag = entry.substr(0, semicolon);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const double w = weight_of(semicolon == std::string::npos ? "" : entry.substr(semicolon));
    // The first of equal weights wins: only a strictly higher one replaces.
    if ((tag == "en" || tag.rfind("en-", 0) == 0) && w > english) english = w;
    if ((tag == "zh" || tag.rfind("zh-", 0) == 0 || tag == "*") && w > chinese) chinese = w;
  }
  return english > 0 && english > chinese;
}

std::string chinese_title(const std::string& code) {
  const auto it = chinese_titles().find(code);
  return it == chinese_titles().end() ? "" : it->second;
}

void localise_problem(Response& response, const Request& request, const OrgNames& org_name) {
  if (response.content_type != "application/problem+json") return;
  if (prefers_english(request)) {
    response.headers["Content-Language"] = "en";
    return;
  }
  const auto code = problem_code(response);
  const std::string title = code ? chinese_title(*code) : "";
  if (title.empty()) {
    response.headers["Content-Language"] = "en";
    return;
  }
  json body = json::parse(response.body, nullptr, false);
  if (!body.is_object()) return;
  body["title"] = title;
  // A 503's detail is the fixed retry text (problem.h), never the store's.
  if (response.status == 503 && body.contains("reason")) {
    // A standby pair's answer names the active server, if one is known.
    const std::string active = body.value("active", "");
    const std::string where =
        active.empty() ? "尚无服务器持有引擎租约（正在接管）" : "当前主服务器为 " + active;
    body["detail"] = *code == "standby" ? "本服务器为备用服务器，" + where
                     : *code == "lease_lost" ? "本服务器已失去引擎租约，不再提交任何变更；" + where
                                             : "本服务器已取得引擎租约，正在加载引擎，请稍后重试";
  } else if (response.status == 503) {
    body["detail"] = *code == "engine_unavailable" ? "服务暂不可用，请稍后重试"
                     : *code == "outcome_unknown"
                         ? "变更可能已记录，也可能未记录；请以同一 Idempotency-Key 重试以获知结果，"
                           "变更至多生效一次"
                         : "数据库暂不可用，请稍后重试";
  } else if (body.contains("detail") && body["detail"].is_string()) {
    // A detail the catalogue does not know stays in the engine's words.
    if (std::string detail = chinese_detail(body["detail"].get<std::string>(), org_name);
        !detail.empty()) {
      body["detail"] = std::move(detail);
    }
  }
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  response.headers["Content-Language"] = "zh-CN";
}

}  // namespace xueji::http
