#pragma once
// The reference for engine/case/event_codec.h: the same JSON built as a
// nlohmann tree, which the fast encoder must match byte for byte. Tests
// only; production has one encoder.

#include <nlohmann/json.hpp>

#include "engine/case/case_event.h"

namespace xueji::testing {
namespace reference_detail {

using nlohmann::json;

template <typename T, typename F>
void put_optional(json& j, const char* key, const std::optional<T>& value, F convert) {
  if (value) j[key] = convert(*value);
}

inline json period_json(const Period& p) {
  return json{{p.unit == Period::Unit::months ? "months" : "working_days", p.amount}};
}

inline auto day_text = [](const Date& d) { return d.to_string(); };
inline auto seconds = [](const Instant& i) { return i.unix_seconds(); };

}  // namespace reference_detail

inline nlohmann::json event_to_json(const CaseEvent& e) {
  using namespace reference_detail;
  json j;
  j["type"] = std::string(to_string(e.type));
  j["at"] = e.at.unix_seconds();
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  put("kind", e.kind);
  put("rule_version", e.rule_version);
  put("province", e.province);
  put("subject", e.subject);
  put("by", e.by);
  if (!e.fields.empty()) j["fields"] = e.fields;
  auto planned = [](const PlannedStep& p) {
    json step{{"step", p.step},
              {"party", p.party},
              {"org", p.org},
              {"deadline", period_json(p.deadline)},
              {"article", p.article}};
    put_optional(step, "reminder_working_days_before", p.reminder_working_days_before,
                 [](int n) { return n; });
    put_optional(step, "follow_up", p.follow_up, period_json);
    return step;
  };
  if (!e.plan.empty()) {
    json plan = json::array();
    for (const auto& p : e.plan) plan.push_back(planned(p));
    j["plan"] = std::move(plan);
  }
  put("student_status", e.student_status);
  if (e.type == CaseEventType::opened) {
    const PlannedEffects& fx = e.effects;
    j["effects"] = json{{"status_while_open", fx.status_while_open},
                        {"status_on_approval", fx.status_on_approval},
                        {"moves_school", fx.moves_school},
                        {"informed_org", fx.informed_org},
                        {"term_org", fx.term_org},
                        {"term_months", fx.term_months}};
    if (!fx.sets_record.empty()) j["effects"]["sets_record"] = fx.sets_record;
    if (fx.term_from) j["effects"]["term_from"] = fx.term_from->to_string();
    if (fx.term_review) j["effects"]["term_review"] = planned(*fx.term_review);
  }
  put("step", e.step);
  put("org", e.org);
  put("from_org", e.from_org);
  put("to_org", e.to_org);
  put_optional(j, "due", e.due, day_text);
  put_optional(j, "previous_due", e.previous_due, day_text);
  put_optional(j, "deadline", e.deadline, seconds);
  put_optional(j, "reminder_at", e.reminder_at, seconds);
  if (e.provisional) j["provisional"] = true;
  put("decision", e.decision);
  put("note", e.note);
  put("outcome", e.outcome);
  put("school", e.school);
  put("informed_org", e.informed_org);
  put_optional(j, "term_ends", e.term_ends, seconds);
  if (!e.record.empty()) j["record"] = e.record;
  return j;
}

}  // namespace xueji::testing
