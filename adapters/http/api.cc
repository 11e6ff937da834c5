#include "adapters/http/api.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "adapters/http/authentication.h"
#include "adapters/http/idempotency.h"
#include "adapters/http/json_body.h"
#include "adapters/store/credentials.h"
#include "engine/account/jurisdiction.h"
#include "engine/case/event_codec.h"
#include "engine/student/student_registry.h"

namespace xueji::http {
namespace {

using nlohmann::json;

std::string new_case_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[24];
  std::snprintf(buf, sizeof buf, "C%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

json student_json(const Student& s) {
  return json{{"registration_number", s.registration_number},
              {"name", s.name},
              {"school", s.school},
              {"grade", s.grade},
              {"status", std::string(to_string(s.status))},
              {"birth_date", s.birth_date.to_string()},
              {"gender", std::string(to_string(s.gender))}};
}

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

// With an Idempotency-Key, the answer is rendered by the case actor from
// the outcome and committed in the same transaction as the transition.
std::shared_ptr<const AnswerRecipe> recipe_for(const Context& ctx, int status, bool with_events) {
  if (ctx.idempotency_key.empty()) return nullptr;
  auto recipe = std::make_shared<AnswerRecipe>();
  recipe->key = ctx.idempotency_key;
  recipe->status = status;
  recipe->content_type = "application/json";
  recipe->render = [with_events](const CaseState& after, const std::vector<CaseEvent>& events) {
    return case_json(after, with_events ? &events : nullptr).dump();
  };
  return recipe;
}

std::vector<std::string> split_path(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = path.find('/', start);
    parts.push_back(path.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

}  // namespace

Stores::Stores(std::shared_ptr<store::ConnectionPool> pool)
    : reads(pool), credentials(pool), answers(pool), outbox(pool) {}

Api::Api(Runtime& engine, Stores stores, std::shared_ptr<VirtualClock> simulated_clock,
         AccountSettings accounts)
    : engine_(engine),
      stores_(std::move(stores)),
      simulated_clock_(std::move(simulated_clock)),
      accounts_(std::move(accounts)) {}

namespace {
// One /v1 route: its method and path ({} matches one segment, passed on as
// an argument), its audit action and target, and its flags.
enum RouteFlags : unsigned {
  kNeedsToken = 0,
  // Open to callers without a token: signing in; changing an expired password.
  kOpen = 1,
  // Its answer holds a secret (a bearer token) or a credential went in: it
  // is never recorded as an idempotent answer, where it would sit in plain
  // text. A retried POST runs again.
  kNoReplay = 2,
};

struct Route {
  const char* method;
  std::vector<std::string> pattern;
  const char* action;
  const char* target;  // prefix of the target; the first argument follows
  unsigned flags;
  Api::Handler handler;
};

const std::vector<Route>& routes() {
  using P = std::vector<std::string>;
  static const std::vector<Route> table = {
      {"POST", P{"v1", "sessions"}, "session.login", "account:", kOpen | kNoReplay, &Api::sign_in},
      {"POST", P{"v1", "accounts"}, "account.create", "account:", kNoReplay, &Api::create_account},
      {"GET", P{"v1", "accounts", "{}"}, "account.read", "account:", kNeedsToken,
       &Api::get_account},
      {"POST", P{"v1", "accounts", "{}", "unseal"}, "account.unseal", "account:", kNeedsToken,
       &Api::unseal},
      {"POST", P{"v1", "accounts", "{}", "password"}, "account.password",
       "account:", kOpen | kNoReplay, &Api::change_password},
      {"POST", P{"v1", "accounts", "{}", "tokens"}, "token.issue", "account:", kNoReplay,
       &Api::issue_token},
      {"DELETE", P{"v1", "tokens", "{}"}, "token.revoke", "token:", kNeedsToken,
       &Api::revoke_token},
      {"POST", P{"v1", "students"}, "student.register", "student:", kNeedsToken,
       &Api::register_student},
      {"POST", P{"v1", "cases"}, "case.open", "case:", kNeedsToken, &Api::open_case},
      {"GET", P{"v1", "cases", "{}"}, "case.read", "case:", kNeedsToken, &Api::get_case},
      {"GET", P{"v1", "cases", "{}", "progress"}, "case.progress", "case:", kNeedsToken,
       &Api::progress},
      {"POST", P{"v1", "cases", "{}", "decisions"}, "case.decide", "case:", kNeedsToken,
       &Api::decide},
      {"POST", P{"v1", "cases", "{}", "withdraw"}, "case.withdraw", "case:", kNeedsToken,
       &Api::withdraw},
      {"GET", P{"v1", "orgs", "{}", "notices"}, "org.notices", "org:", kNeedsToken, &Api::notices},
      {"GET", P{"v1", "orgs", "{}", "pending"}, "org.pending", "org:", kNeedsToken, &Api::pending},
      {"GET", P{"v1", "orgs", "{}", "overdue"}, "org.overdue", "org:", kNeedsToken, &Api::overdue},
      {"POST", P{"v1", "clock", "advance"}, "clock.advance", "clock", kNeedsToken,
       &Api::advance_clock},
  };
  return table;
}

const Route* match(const Request& r, const std::vector<std::string>& parts,
                   std::vector<std::string>& args) {
  for (const auto& route : routes()) {
    if (r.method != route.method || parts.size() != route.pattern.size()) continue;
    std::vector<std::string> found;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (route.pattern[i] == "{}") {
        ok = !parts[i].empty();
        found.push_back(parts[i]);
      } else {
        ok = parts[i] == route.pattern[i];
      }
    }
    if (ok) {
      args = std::move(found);
      return &route;
    }
  }
  return nullptr;
}

// The outcome an audit entry records: "ok", or the refusal's problem code.
std::string outcome_of(const Response& response) {
  if (response.status < 400) return "ok";
  return problem_code(response).value_or("status_" + std::to_string(response.status));
}

}  // namespace

Response Api::handle(const Request& r) {
  const auto started = std::chrono::steady_clock::now();
  const auto parts = split_path(r.target);
  Response response;
  const bool get = r.method == "GET";
  if (get && parts == std::vector<std::string>{"healthz"}) {
    response = json_response(200, json{{"status", "ok"}});
  } else if (get && parts == std::vector<std::string>{"readyz"}) {
    response = ready();
  } else if (get && parts == std::vector<std::string>{"metrics"}) {
    response = metrics();
  } else {
    response = handle_v1(r, parts);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  requests_.record(response.status, seconds);
  return response;
}

// Operational probes (/healthz, /readyz, /metrics) carry no data about
// anyone and stay open; everything under /v1 is authenticated, checked and
// audited here.
Response Api::handle_v1(const Request& r, const std::vector<std::string>& parts) {
  Context ctx;
  ctx.at = engine_.data().clock->now();
  const Route* route = match(r, parts, ctx.args);
  Response response;
  if (route == nullptr) {
    ctx.action = "unknown";
    ctx.target = r.method + " " + r.target.substr(0, r.target.find('?'));
    response = problem(404, "not_found", "no route " + r.method + " " + r.target);
  } else {
    ctx.action = route->action;
    ctx.target = route->target + (ctx.args.empty() ? std::string() : ctx.args[0]);
    const bool open = (route->flags & kOpen) != 0;
    if (!open) {
      auto account = authenticate(r, ctx, stores_.credentials, engine_);
      if (!account) response = from_error(account.error());
      if (account) ctx.account = std::move(*account);
    }
    if (open || ctx.account) {
      auto run = [&] { return (this->*route->handler)(r, ctx); };
      const bool keyed = (route->flags & kNoReplay) == 0 && carries_idempotency_key(r);
      response = keyed ? with_idempotency(stores_.answers, r, ctx, run) : run();
    }
  }
  if (!ctx.recorded) {
    // Every operation leaves a trace, reads and refusals included: no
    // answer leaves before its entry is durable.
    Transition entry;
    entry.audit.push_back(ctx.entry(outcome_of(response)));
    Status recorded = engine_.commit(std::move(entry));
    if (!recorded) {
      return problem(
          503, "store_failed",
          "the request could not be recorded on the audit trail: " + recorded.error().message);
    }
  }
  challenge_if_unauthorized(response);
  return response;
}

Status Api::readable_org(const std::string& org, const Context& ctx) {
  if (engine_.data().orgs.find(org) == nullptr) {
    return make_error("unknown_org", "unknown organisation '" + org + "'");
  }
  return may_read_org(*ctx.account, org, engine_.data().orgs);
}

Result<CaseState> Api::readable_case(const std::string& id, const Context& ctx) {
  std::optional<CaseState> state;
  {
    auto loaded = stores_.reads.load_case(id);
    if (!loaded) return loaded.error();
    state = std::move(*loaded);
  }
  if (!state) return make_error("unknown_case", "no case '" + id + "'");
  Status may = may_read_case(*ctx.account, *state, engine_.data().orgs);
  if (!may) return may.error();
  return std::move(*state);
}

Response Api::ready() {
  auto n = stores_.reads.count_rows("orgs");
  if (!n) return problem(503, "store_unavailable", n.error().message);
  return json_response(200,
                       json{{"status", "ready"}, {"rule_version", engine_.data().rules.version()}});
}

Response Api::register_student(const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto id = string_field(*body, "id");
  auto name = string_field(*body, "name");
  auto school = string_field(*body, "school");
  for (const auto* f : {&id, &name, &school}) {
    if (!*f) return from_error(f->error());
  }
  if (!body->contains("grade")) return problem(400, "missing_field", "missing field 'grade'");
  if (!(*body)["grade"].is_number_integer()) {
    return problem(422, "invalid_field", "field 'grade' must be a whole number 1-12");
  }
  const Org* org = engine_.data().orgs.find(*school);
  if (org == nullptr || org->level != OrgLevel::school) {
    return problem(404, "unknown_org", "school '" + *school + "' is not a known school");
  }
  ctx.target = "school:" + *school;
  if (Status may = may_register_at(*ctx.account, *school, engine_.data().orgs); !may) {
    return from_error(may.error());
  }
  StudentRegistry registry;
  auto existing = stores_.reads.find_live_student(*id);
  if (!existing) return from_error(existing.error());
  if (*existing) {
    (void)registry.restore(**existing);
  }
  NewStudent request;
  request.resident_id = *id;
  request.name = *name;
  request.school = *school;
  const long long grade = (*body)["grade"].get<long long>();
  request.grade = grade < 0 || grade > 99 ? 0 : static_cast<int>(grade);
  auto student = registry.register_student(request, engine_.data().clock->now().beijing_date());
  if (!student) return from_error(student.error());
  // The store's unique index closes the race between two registrations; an
  // Idempotency-Key's answer commits with the registration.
  std::optional<RecordedAnswer> answer;
  if (!ctx.idempotency_key.empty()) {
    answer =
        RecordedAnswer{ctx.idempotency_key, 201, "application/json", student_json(*student).dump()};
  }
  ctx.target = "student:" + student->registration_number;
  Transition registration;
  registration.records.registrations.push_back(*student);
  registration.answer = answer;
  registration.audit.push_back(ctx.entry());
  Status stored = engine_.commit(std::move(registration));
  if (!stored) {
    auto again = stores_.reads.find_live_student(*id);
    if (again && *again) {
      return problem(409, "duplicate_registration",
                     "resident ID " + *id + " is already registered as " +
                         (*again)->registration_number + " at school " + (*again)->school);
    }
    return from_error(stored.error());
  }
  ctx.recorded = true;
  return json_response(201, student_json(*student));
}

Response Api::open_case(const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto kind = string_field(*body, "kind");
  if (!kind) return from_error(kind.error());
  OpenCase command;
  command.kind = *kind;
  auto by = string_field(*body, "by", false);
  if (!by) return from_error(by.error());
  // An account opens cases for its own org (or a family's, "guardian").
  command.by = by->empty() ? ctx.account->org : *by;
  for (const char* field : {"to_school", "household_county", "months"}) {
    if (!body->contains(field)) continue;
    const json& v = (*body)[field];
    if (v.is_string()) {
      command.fields[field] = v.get<std::string>();
    } else if (v.is_number_integer()) {
      command.fields[field] = std::to_string(v.get<long long>());
    } else {
      return problem(422, "invalid_field", std::string("field '") + field + "' has the wrong type");
    }
  }
  auto student = string_field(*body, "student", false);
  auto child = string_field(*body, "child", false);
  if (!student) return from_error(student.error());
  if (!child) return from_error(child.error());
  if (student->empty() == child->empty()) {
    return problem(400, "missing_field",
                   "give either 'student' (a registration number) or 'child' (a resident ID)");
  }
  {
    if (!student->empty()) {
      auto found = stores_.reads.find_student(*student);
      if (!found) return from_error(found.error());
      if (!*found) return problem(404, "unknown_student", "no registration '" + *student + "'");
      command.student = **found;
    } else {
      auto registered = stores_.reads.find_live_student(*child);
      if (!registered) return from_error(registered.error());
      if (*registered) {
        return problem(422, "rule_refused",
                       "the child " + *child + " is already registered as " +
                           (*registered)->registration_number + " at " + (*registered)->school);
      }
      command.child_resident_id = *child;
    }
  }
  const std::string subject_org = command.student ? command.student->school
                                  : command.fields.count("household_county") != 0
                                      ? command.fields.at("household_county")
                                      : std::string();
  if (Status may = may_act_for(*ctx.account, command.by, subject_org, engine_.data().orgs); !may) {
    return from_error(may.error());
  }
  const std::string id = new_case_id();
  ctx.target = "case:" + id;
  auto reply = engine_.request(id, std::move(command), recipe_for(ctx, 201, true), ctx.entry());
  if (!reply.ok) return from_error(reply.error);
  ctx.recorded = true;
  return json_response(201, case_json(reply.state, &reply.events));
}

Response Api::get_case(const Request&, Context& ctx) {
  const std::string& id = ctx.args[0];
  auto state = readable_case(id, ctx);
  if (!state) return from_error(state.error());
  auto events = stores_.reads.load_events(id);
  if (!events) return from_error(events.error());
  return json_response(200, case_json(*state, &*events));
}

Response Api::decide(const Request& r, Context& ctx) {
  const std::string& id = ctx.args[0];
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto step = string_field(*body, "step");
  auto decision = string_field(*body, "decision");
  auto by = string_field(*body, "by", false);
  auto note = string_field(*body, "note", false);
  for (const auto* f : {&step, &decision, &by, &note}) {
    if (!*f) return from_error(f->error());
  }
  // The account decides for its own org; a `by` naming another is refused.
  if (!by->empty() && *by != ctx.account->org) {
    return problem(403, "out_of_jurisdiction",
                   "account '" + ctx.account->name + "' of org " + ctx.account->org +
                       " cannot decide on behalf of org " + *by);
  }
  auto state = readable_case(id, ctx);
  if (!state) return from_error(state.error());
  if (Status may = may_act_on_step(*ctx.account, *state, *step); !may) {
    return from_error(may.error());
  }
  auto reply = engine_.request(id, DecideStep{*step, ctx.account->org, *decision, *note},
                               recipe_for(ctx, 200, false), ctx.entry());
  if (!reply.ok) return from_error(reply.error);
  ctx.recorded = true;
  return json_response(200, case_json(reply.state, nullptr));
}

Response Api::withdraw(const Request& r, Context& ctx) {
  const std::string& id = ctx.args[0];
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto by = string_field(*body, "by", false);
  if (!by) return from_error(by.error());
  const std::string on_behalf_of = by->empty() ? ctx.account->org : *by;
  auto state = readable_case(id, ctx);
  if (!state) return from_error(state.error());
  // For a family's case, the org the case began at stands for the family.
  const std::string subject_org = state->steps.empty() ? std::string() : state->steps[0].plan.org;
  if (Status may = may_act_for(*ctx.account, on_behalf_of, subject_org, engine_.data().orgs);
      !may) {
    return from_error(may.error());
  }
  auto reply =
      engine_.request(id, WithdrawCase{on_behalf_of}, recipe_for(ctx, 200, false), ctx.entry());
  if (!reply.ok) return from_error(reply.error);
  ctx.recorded = true;
  return json_response(200, case_json(reply.state, nullptr));
}

Response Api::notices(const Request&, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(org, ctx); !may) return from_error(may.error());
  auto list = stores_.reads.notices_for_org(org);
  if (!list) return from_error(list.error());
  json out = json::array();
  for (const auto& n : *list) {
    out.push_back(json{{"id", n.id},
                       {"org", n.org},
                       {"case", n.case_id},
                       {"kind", n.kind},
                       {"at", n.at.to_string()},
                       {"step", n.step},
                       {"due", n.due},
                       {"text", n.text}});
  }
  return json_response(200, json{{"org", org}, {"notices", std::move(out)}});
}

// Art. 15: the family sees who holds the case now, until when, and what
// happened so far; nothing more personal than the student's masked name.
Response Api::progress(const Request&, Context& ctx) {
  const std::string& id = ctx.args[0];
  auto state = readable_case(id, ctx);
  if (!state) return from_error(state.error());
  const CaseState& c = *state;
  auto events = stores_.reads.load_events(id);
  if (!events) return from_error(events.error());
  std::string masked;
  if (c.subject.rfind("G", 0) == 0 || c.subject.rfind("L", 0) == 0 ||
      c.subject.rfind("J", 0) == 0) {
    auto student = stores_.reads.find_student(c.subject);
    if (student && *student) masked = mask_name((*student)->name);
  }
  const OrgTree& orgs = engine_.data().orgs;
  auto org_name = [&](const std::string& code) {
    const Org* o = orgs.find(code);
    return o == nullptr ? std::string() : o->name;
  };
  json out{{"case", c.id}, {"kind", c.kind}, {"status", std::string(to_string(c.status))}};
  if (!masked.empty()) out["student"] = masked;
  if (!c.outcome.empty()) out["outcome"] = c.outcome;
  if (const StepState* s = c.active()) {
    json now{{"step", s->plan.step}, {"org", s->holder}, {"org_name", org_name(s->holder)}};
    if (s->holder_due) now["until"] = s->holder_due->to_string();
    out["now"] = std::move(now);
  }
  json history = json::array();
  for (const auto& e : *events) {
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
  return json_response(200, out);
}

namespace {
json steps_json(const std::vector<store::ActiveStep>& steps) {
  json out = json::array();
  for (const auto& s : steps) {
    out.push_back(json{{"case", s.case_id},
                       {"kind", s.kind},
                       {"step", s.step},
                       {"org", s.org},
                       {"holder", s.holder},
                       {"due", s.due},
                       {"holder_due", s.holder_due}});
  }
  return out;
}
}  // namespace

Response Api::pending(const Request&, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(org, ctx); !may) return from_error(may.error());
  auto steps = stores_.reads.active_steps(org, "");
  if (!steps) return from_error(steps.error());
  return json_response(200, json{{"org", org}, {"pending", steps_json(*steps)}});
}

// Steps of the org and of its whole subtree whose party's own deadline has
// passed (whoever holds them now).
Response Api::overdue(const Request&, Context& ctx) {
  const std::string& org = ctx.args[0];
  const OrgTree& orgs = engine_.data().orgs;
  if (Status may = readable_org(org, ctx); !may) return from_error(may.error());
  const std::string today = engine_.data().clock->now().beijing_date().to_string();
  auto steps = stores_.reads.active_steps("", today);
  if (!steps) return from_error(steps.error());
  std::vector<store::ActiveStep> mine;
  for (const auto& s : *steps) {
    if (orgs.contains(org, s.org)) mine.push_back(s);
  }
  return json_response(200, json{{"org", org}, {"as_of", today}, {"overdue", steps_json(mine)}});
}

Response Api::metrics() {
  std::string text = requests_.render();
  const std::string today = engine_.data().clock->now().beijing_date().to_string();
  EngineFigures figures;
  {
    auto all = stores_.reads.active_steps("", "");
    auto late = stores_.reads.active_steps("", today);
    auto notices = stores_.outbox.count_undelivered_notices();
    if (!all || !late || !notices) {
      return problem(503, "store_unavailable", "the store cannot be read");
    }
    figures.pending_cases = static_cast<long long>(all->size());
    figures.overdue_steps = static_cast<long long>(late->size());
    figures.notices_waiting = *notices;
  }
  const auto writer = engine_.writer_stats();
  figures.commits = writer->commits.load();
  figures.transitions = writer->transitions.load();
  figures.largest_batch = writer->largest_batch.load();
  return Response{200, "text/plain; version=0.0.4", text + render(figures), {}};
}

Response Api::advance_clock(const Request& r, Context& ctx) {
  if (!simulated_clock_) {
    return problem(404, "not_found", "the clock is the system's: it cannot be advanced");
  }
  // Moving the simulated clock moves every deadline in the country: the
  // ministry's administrators only.
  const Org* org = engine_.data().orgs.find(ctx.account->org);
  if (ctx.account->role != Role::administrator || org == nullptr ||
      org->level != OrgLevel::ministry) {
    return problem(403, "role_forbidden",
                   "account '" + ctx.account->name +
                       "' may not move the simulated clock: only a ministry administrator may");
  }
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto to_text = string_field(*body, "to");
  if (!to_text) return from_error(to_text.error());
  auto to = Instant::parse(*to_text);
  if (!to) return problem(422, "invalid_field", "field 'to': " + to.error().message);
  auto fired = engine_.advance(*to);
  if (!fired) return from_error(fired.error());
  return json_response(200, json{{"now", simulated_clock_->now().to_string()}, {"fired", *fired}});
}

}  // namespace xueji::http
