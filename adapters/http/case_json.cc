#include "adapters/http/case_json.h"

#include "engine/case/event_codec.h"

namespace xueji::http {

using nlohmann::json;

json case_json(const CaseState& c, const std::vector<CaseEvent>* history) {
  json steps = json::array();
  for (const auto& s : c.steps) {
    json step{{"step", s.plan.step},
              {"party", s.plan.party},
              {"org", s.plan.org},
              {"status", std::string(to_string(s.status))}};
    if (s.due) step["due"] = s.due->to_string();
    if (!s.holder.empty()) step["holder"] = s.holder;
    if (s.holder_due) step["holder_due"] = s.holder_due->to_string();
    if (!s.escalated_to.empty()) step["escalated_to"] = s.escalated_to;
    if (!s.decision.empty()) step["decision"] = s.decision;
    if (s.provisional) step["provisional"] = true;
    steps.push_back(std::move(step));
  }
  json out{{"id", c.id},
           {"kind", c.kind},
           {"status", std::string(to_string(c.status))},
           {"subject", c.subject},
           {"opened_by", c.opened_by},
           {"rule_version", c.rule_version},
           {"steps", std::move(steps)}};
  if (!c.outcome.empty()) out["outcome"] = c.outcome;
  if (c.opened_at) out["opened_at"] = c.opened_at->to_string();
  if (c.term_ends) out["term_ends"] = c.term_ends->to_string();
  // Art. 21: a death's dates, as the opener reported them (a case opened
  // before they were asked for has none).
  // Art. 25, 17: the term a termly check is of, and what the school found.
  for (const char* reported : {"date_of_death", "learned_on", "term", "finding"}) {
    auto it = c.fields.find(reported);
    if (it != c.fields.end()) out[reported] = it->second;
  }
  if (history != nullptr) {
    json events = json::array();
    for (const auto& e : *history) {
      json j = json::parse(event_body(e));
      j["at"] = e.at.to_string();
      events.push_back(std::move(j));
    }
    out["history"] = std::move(events);
  }
  return out;
}

}  // namespace xueji::http
