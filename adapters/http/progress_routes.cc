#include "adapters/http/progress_routes.h"

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/http/progress_code.h"

namespace xueji::http {

using nlohmann::json;

// Art. 15: the family sees who holds the case now, until when, and what
// happened so far; nothing more personal than the student's masked name.
Result<json> progress_view(Services& s, const store::StoredCase& stored) {
  const CaseState& c = stored.state;
  std::string masked;
  if (c.subject.rfind("G", 0) == 0 || c.subject.rfind("L", 0) == 0 ||
      c.subject.rfind("J", 0) == 0) {
    auto student = s.stores.reads.find_student(c.subject);
    if (student && *student) masked = mask_name((*student)->name);
  }
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  auto org_name = [&](const std::string& code) {
    const Org* o = orgs.find(code);
    return o == nullptr ? std::string() : o->name;
  };
  json out{{"case", c.id}, {"kind", c.kind}, {"status", std::string(to_string(c.status))}};
  if (!masked.empty()) out["student"] = masked;
  if (!c.outcome.empty()) out["outcome"] = c.outcome;
  if (const StepState* step = c.active()) {
    json now{
        {"step", step->plan.step}, {"org", step->holder}, {"org_name", org_name(step->holder)}};
    if (step->holder_due) now["until"] = step->holder_due->to_string();
    out["now"] = std::move(now);
  }
  json history = json::array();
  for (const auto& e : stored.events) {
    json h{{"at", e.at.to_string()}, {"event", std::string(to_string(e.type))}};
    if (!e.step.empty()) h["step"] = e.step;
    const std::string& org = e.type == CaseEventType::escalated ? e.to_org : e.org;
    if (!org.empty()) {
      h["org"] = org;
      h["org_name"] = org_name(org);
    }
    if (e.due) h["due"] = e.due->to_string();
    if (!e.decision.empty()) h["decision"] = e.decision;
    if (!e.outcome.empty()) h["outcome"] = e.outcome;
    history.push_back(std::move(h));
  }
  out["history"] = std::move(history);
  return out;
}

Response progress_by_code(Services& s, const Request&, Context& ctx) {
  // The code is a secret: the trail names what it opened, never the code.
  ctx.target = "progress:unknown";
  const auto unknown = [] { return problem(404, "not_found", "no case has this progress code"); };
  auto code = normalise_progress_code(ctx.args[0]);
  if (!code) return unknown();
  auto id = s.stores.reads.case_of_progress_code(progress_code_hash(*code));
  if (!id) return from_error(id.error());
  if (!*id) return unknown();
  auto stored = s.stores.reads.load_case_with_events(**id);
  if (!stored) return from_error(stored.error());
  if (!*stored) return unknown();
  ctx.target = "case:" + **id;
  auto view = progress_view(s, **stored);
  if (!view) return from_error(view.error());
  return json_response(200, *view);
}

}  // namespace xueji::http
