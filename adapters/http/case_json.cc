#include "adapters/http/case_json.h"

#include <stdexcept>

#include "adapters/http/json_text.h"
#include "engine/case/event_codec.h"

namespace xueji::http {

namespace {

std::string json_quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string case_step_text(const StepState& s) {
  std::map<std::string, std::string> step{{"step", json_quoted(s.plan.step)},
                                          {"party", json_quoted(s.plan.party)},
                                          {"org", json_quoted(s.plan.org)},
                                          {"status", json_quoted(to_string(s.status))}};
  if (s.due) step["due"] = json_quoted(s.due->to_string());
  if (!s.holder.empty()) step["holder"] = json_quoted(s.holder);
  if (s.holder_due) step["holder_due"] = json_quoted(s.holder_due->to_string());
  if (!s.escalated_to.empty()) {
    std::string& chain = step["escalated_to"] = "[";
    for (const auto& org : s.escalated_to) {
      if (chain.size() > 1) chain += ',';
      append_json_string(chain, org);
    }
    chain += ']';
  }
  if (!s.decision.empty()) step["decision"] = json_quoted(s.decision);
  if (s.provisional) step["provisional"] = "true";
  return json_object_text(step);
}

// The codec's body of `e` with its instant as the API prints instants: the
// body's first member is "at" (keys come sorted, and none sorts before it),
// a whole number of seconds, replaced here by its text.
void append_case_event_text(std::string& out, const CaseEvent& e) {
  const std::string body = event_body(e);
  static constexpr std::string_view kAt = "{\"at\":";
  const size_t end = body.find_first_of(",}", kAt.size());
  if (body.compare(0, kAt.size(), kAt) != 0 || end == std::string::npos) {
    throw std::logic_error("an event body that does not begin with its instant: " +
                           body.substr(0, 40));
  }
  out += kAt;
  append_json_string(out, e.at.to_string());
  out.append(body, end, std::string::npos);
}

}  // namespace

std::map<std::string, std::string> case_members(const CaseState& c,
                                                const std::vector<CaseEvent>* history) {
  std::string steps = "[";
  for (const auto& s : c.steps) {
    if (steps.size() > 1) steps += ',';
    steps += case_step_text(s);
  }
  steps += ']';
  std::map<std::string, std::string> out{{"id", json_quoted(c.id)},
                                         {"kind", json_quoted(c.kind)},
                                         {"status", json_quoted(to_string(c.status))},
                                         {"subject", json_quoted(c.subject)},
                                         {"opened_by", json_quoted(c.opened_by)},
                                         {"rule_version", json_quoted(c.rule_version)},
                                         {"steps", std::move(steps)}};
  if (!c.outcome.empty()) out["outcome"] = json_quoted(c.outcome);
  if (c.opened_at) out["opened_at"] = json_quoted(c.opened_at->to_string());
  if (c.term_ends) out["term_ends"] = json_quoted(c.term_ends->to_string());
  // Art. 21: a death's dates, as the opener reported them (a case opened
  // before they were asked for has none).
  // Art. 25, 17: the term a termly check is of, and what the school found.
  for (const char* reported : {"date_of_death", "learned_on", "term", "finding"}) {
    auto it = c.fields.find(reported);
    if (it != c.fields.end()) out[reported] = json_quoted(it->second);
  }
  if (history != nullptr) {
    std::string events = "[";
    for (const auto& e : *history) {
      if (events.size() > 1) events += ',';
      append_case_event_text(events, e);
    }
    events += ']';
    out["history"] = std::move(events);
  }
  return out;
}

nlohmann::json case_json(const CaseState& c, const std::vector<CaseEvent>* history) {
  return nlohmann::json::parse(json_object_text(case_members(c, history)));
}

}  // namespace xueji::http
