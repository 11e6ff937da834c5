#include "adapters/http/roster_check_routes.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <vector>

#include "actors/submit_each.h"
#include "adapters/http/case_ids.h"
#include "adapters/http/case_json.h"
#include "adapters/http/case_routes.h"
#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "engine/account/capability.h"
#include "engine/account/jurisdiction.h"
#include "engine/case/decider.h"
#include "engine/case/roster_fields.h"

namespace xueji::http {
namespace {

using nlohmann::json;

constexpr const char* kCheck = "roster_check";          // Art. 25
constexpr const char* kFollowUp = "dropout_follow_up";  // Art. 17

// The first case of `kind` about `subject` that `wanted` accepts, if any.
template <typename Wanted>
Result<std::optional<CaseState>> find_case(Services& s, const std::string& subject,
                                           const std::string& kind, Wanted wanted) {
  auto cases = s.stores.reads.case_states_of(subject);
  if (!cases) return cases.error();
  for (auto& c : *cases) {
    if (c.kind == kind && wanted(c)) return std::optional<CaseState>(std::move(c));
  }
  return std::optional<CaseState>();
}

std::string field_of(const CaseState& c, const std::string& name) {
  auto it = c.fields.find(name);
  return it == c.fields.end() ? std::string() : it->second;
}

// The audit entry of opening case `id`, beside the route's own.
AuditEntry opening_entry(const std::string& id, const Context& ctx) {
  Context opening = ctx;
  opening.action = "case.open";
  opening.target = "case:" + id;
  return opening.entry();
}

// How many schools' checks are opening at once: their commits share the
// writer's group commits (submit_each.h), where one after another a
// province of 20,000 schools waited 20,000 commits.
constexpr size_t kOpeningAtOnce = 64;

json check_json(const CaseState& c, bool opened) {
  const StepState* step = c.steps.empty() ? nullptr : &c.steps.front();
  json out{{"school", c.subject},
           {"case", c.id},
           {"opened", opened},
           {"status", std::string(to_string(c.status))}};
  if (step != nullptr && step->due) out["due"] = step->due->to_string();
  return out;
}

// One student the school marks as not attending, checked against the
// school's roster before anything is written.
struct Marked {
  Student student;
  std::string finding;
  std::string note;
};

Result<std::vector<Marked>> read_marked(Services& s, const json& body, const std::string& school) {
  std::vector<Marked> out;
  if (!body.contains("not_attending")) return out;
  const json& list = body["not_attending"];
  if (!list.is_array()) return make_error("invalid_field", "field 'not_attending' must be a list");
  std::set<std::string> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = "not_attending[" + std::to_string(i) + "]";
    if (!list[i].is_object()) return make_error("invalid_field", at + " must be an object");
    auto number = string_field(list[i], "student");
    auto finding = string_field(list[i], "finding");
    auto note = string_field(list[i], "note", false);
    for (const auto* f : {&number, &finding, &note}) {
      if (!*f) return make_error(f->error().code, at + ": " + f->error().message);
    }
    if (Status ok = check_finding(*finding); !ok) {
      return make_error("invalid_field", at + ": " + ok.error().message);
    }
    auto found = s.stores.reads.find_record(*number);
    if (!found) return found.error();
    if (!*found) return make_error("invalid_field", at + ": no registration '" + *number + "'");
    const Student& student = **found;
    if (student.school != school) {
      return make_error("invalid_field", at + ": student " + student.registration_number +
                                             " is on the roster of school " + student.school +
                                             ", not of " + school);
    }
    // A student on leave, abroad or at a specialised school is accounted
    // for by the case that put them there (Art. 11, 16, 20).
    if (student.status != StudentStatus::enrolled) {
      return make_error("invalid_field", at + ": student " + student.registration_number + " is " +
                                             std::string(to_string(student.status)) +
                                             ", not enrolled: a case accounts for them already");
    }
    if (!seen.insert(student.registration_number).second) {
      return make_error("invalid_field",
                        at + ": student " + student.registration_number + " is named twice");
    }
    out.push_back(Marked{student, *finding, *note});
  }
  return out;
}

}  // namespace

Response open_roster_checks(Services& s, const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto term = string_field(*body, "term");
  if (!term) return from_error(term.error());
  if (Status ok = check_school_term(*term); !ok) return from_error(ok.error());
  const auto domain = s.engine.data();
  const std::string& province = ctx.account->org;
  ctx.target = "org:" + province;
  const Org* org = domain->orgs.find(province);
  // Art. 25, 12: the province sets the window its schools check in.
  if (org == nullptr || org->level != OrgLevel::province) {
    return problem(403, "role_forbidden",
                   "account '" + ctx.account->name +
                       "' may not open termly checks: a province's registrar opens its "
                       "schools' checks (Art. 25)");
  }
  if (Status may = may_open(*ctx.account, kCheck, province); !may) return from_error(may.error());
  if (Status may = may_act_for(*ctx.account, province, province, domain->orgs); !may) {
    return from_error(may.error());
  }
  std::vector<std::string> schools;
  for (const Org* school : domain->orgs.all()) {
    if (school->level == OrgLevel::school && domain->orgs.contains(province, school->code)) {
      schools.push_back(school->code);
    }
  }
  // The term's checks already opened, read for the whole province at once.
  auto stored = s.stores.reads.cases_of_kind(kCheck, schools);
  if (!stored) return from_error(stored.error());
  std::map<std::string, const CaseState*> opened_before;  // school -> its first
  for (const CaseState& c : *stored) {
    if (field_of(c, "term") == *term) opened_before.emplace(c.subject, &c);
  }
  // Each school in the tree's order: its check of the term if it has one,
  // else a place for the one opened below.
  std::vector<json> checks;
  std::vector<size_t> places;  // of the checks to open, in `checks`
  std::vector<SubmittedCase> openings;
  for (const std::string& school : schools) {
    auto existing = opened_before.find(school);
    const bool found = existing != opened_before.end();
    checks.push_back(found ? check_json(*existing->second, false) : json());
    if (found) continue;
    OpenCase command;
    command.kind = kCheck;
    command.by = province;
    command.fields = {{"school", school}, {"term", *term}};
    const std::string id = new_case_id();
    places.push_back(checks.size() - 1);
    openings.push_back(SubmittedCase{id, std::move(command), opening_entry(id, ctx)});
  }
  std::vector<CaseReply> replies(openings.size());
  submit_each(
      s.engine, openings.size(), kOpeningAtOnce, [&](size_t n) { return std::move(openings[n]); },
      [&](size_t n, const CaseReply& reply) { replies[n] = reply; });
  int opened = 0;
  for (size_t n = 0; n < replies.size(); ++n) {
    // Those opened stay open; the call may be repeated.
    if (!replies[n].ok) return from_error(replies[n].error);
    checks[places[n]] = check_json(replies[n].state, true);
    ++opened;
  }
  ctx.detail = "term " + *term + ": " + std::to_string(opened) + " opened";
  return json_response(200, json{{"term", *term},
                                 {"province", province},
                                 {"opened", opened},
                                 {"checks", json(std::move(checks))}});
}

Response confirm_roster(Services& s, const Request& r, Context& ctx) {
  const std::string& id = ctx.args[0];
  ctx.target = "case:" + id;
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto note = string_field(*body, "note", false);
  if (!note) return from_error(note.error());
  auto state = readable_case(s, id, ctx);
  if (!state) return from_error(state.error());
  if (state->kind != kCheck) {
    return problem(
        422, "rule_refused",
        "case '" + id + "' is a " + state->kind + ", not a termly check (roster_check, Art. 25)");
  }
  if (Status may = may_act_on_step(*ctx.account, *state, "school"); !may) {
    return from_error(may.error());
  }
  auto marked = read_marked(s, *body, state->subject);
  if (!marked) return from_error(marked.error());
  // Each student marked opens a follow-up (Art. 17): an account limited to
  // named actions needs that one too.
  if (!marked->empty()) {
    if (Status may = may_open(*ctx.account, kFollowUp, state->subject); !may) {
      return from_error(may.error());
    }
  }
  // The approval must be possible before any follow-up opens: a closed or
  // decided check answers as a decision would, and nothing is written.
  const std::string school = state->subject;
  const std::string term = field_of(*state, "term");
  DecideStep approve{"school", ctx.account->org, "approve", *note};
  {
    const auto domain = s.engine.data();
    auto trial = decide(*state, approve, domain->clock->now(), domain->context());
    if (!trial) return from_error(trial.error());
  }
  json follow_ups = json::array();
  std::string marked_text;
  for (const Marked& m : *marked) {
    const std::string& number = m.student.registration_number;
    marked_text += (marked_text.empty() ? "" : ", ") + number + " " + m.finding;
    auto open = find_case(s, number, kFollowUp, [](const CaseState& c) {
      return c.status == CaseStatus::open || c.status == CaseStatus::in_term;
    });
    if (!open) return from_error(open.error());
    if (*open) {
      follow_ups.push_back(
          {{"student", number}, {"case", (*open)->id}, {"finding", m.finding}, {"opened", false}});
      continue;
    }
    OpenCase command;
    command.kind = kFollowUp;
    command.by = school;
    command.student = m.student;
    command.fields = {{"finding", m.finding}, {"term", term}};
    if (!m.note.empty()) command.fields["evidence_ref"] = m.note;
    const std::string follow_id = new_case_id();
    auto reply =
        s.engine.request(follow_id, std::move(command), nullptr, opening_entry(follow_id, ctx));
    if (!reply.ok) return from_error(reply.error);
    follow_ups.push_back(
        {{"student", number}, {"case", follow_id}, {"finding", m.finding}, {"opened", true}});
  }
  if (approve.note.empty()) {
    approve.note = marked->empty() ? "roster confirmed, every student attending"
                                   : "not attending: " + marked_text;
  }
  auto reply = s.engine.request(id, approve, nullptr, ctx.entry());
  if (!reply.ok) return from_error(reply.error);
  ctx.recorded = true;
  return json_response(
      200, json{{"case", case_json(reply.state, nullptr)}, {"follow_ups", std::move(follow_ups)}});
}

}  // namespace xueji::http
