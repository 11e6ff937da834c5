#include "adapters/http/student_routes.h"

#include <iterator>

#include <nlohmann/json.hpp>

#include "adapters/http/archive_steps.h"
#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/http/registration_numbers.h"
#include "adapters/http/registration_plan.h"
#include "engine/account/jurisdiction.h"
#include "engine/student/abroad_periods.h"
#include "engine/student/registration_number.h"
#include "engine/student/reopening.h"
#include "engine/student/student_registry.h"

namespace xueji::http {

using nlohmann::json;

json student_json(const Student& s) {
  json out{{"registration_number", s.registration_number},
           {"name", s.name},
           {"school", s.school},
           {"grade", s.grade},
           {"status", std::string(to_string(s.status))},
           {"birth_date", s.birth_date.to_string()},
           {"gender", std::string(to_string(s.gender))}};
  // Art. 14: 随班就读, shown only where it is set.
  if (s.special_needs) out["special_needs"] = true;
  return out;
}

namespace {

// One registration's tries at a serial number (Art. 8-10): each commits the
// record with the next serial of its range, until one is free.
struct Registering {
  Services& s;
  PlannedRegistration planned;
  std::shared_ptr<Context> ctx;
  Answer answer;
  int attempt = 0;
};

void try_registration(std::shared_ptr<Registering> r);

// After a refused commit, on a follow-up worker (it reads the store): the
// answer, or the next serial's try.
void after_refusal(const std::shared_ptr<Registering>& r, const Error& refused) {
  Services& s = r->s;
  const std::string& id = r->planned.student.resident_id;
  if (!id.empty()) {
    auto again = s.stores.reads.find_live_student(id);
    if (again && *again) {
      return r->answer(problem(409, "duplicate_registration",
                               "resident ID " + id + " is already registered as " +
                                   (*again)->registration_number + " at school " +
                                   (*again)->school + " (Art. 9)"));
    }
  }
  // Another registration took this serial meanwhile: the next one.
  std::optional<SerialRange>& range = r->planned.range;
  const std::string& number = r->planned.student.registration_number;
  auto taken = range ? s.stores.reads.issued(number) : Result<bool>(false);
  if (!taken || !*taken || r->attempt + 1 >= kSerialAttempts) {
    return r->answer(from_error(refused));
  }
  range->next += 1;
  r->attempt += 1;
  try_registration(r);
}

void try_registration(std::shared_ptr<Registering> r) {
  Context& ctx = *r->ctx;
  Student& student = r->planned.student;
  if (r->planned.range) {
    auto number = r->planned.range->number();
    if (!number) return r->answer(from_error(number.error()));
    student.registration_number = *number;
  }
  // The store's unique index closes the race between two registrations;
  // an Idempotency-Key's answer commits with the registration.
  Transition registration;
  if (!ctx.idempotency_key.empty()) {
    registration.answer =
        RecordedAnswer{ctx.idempotency_key, 201, "application/json", student_json(student).dump()};
  }
  ctx.target = "student:" + student.registration_number;
  add_registration(registration.records, r->planned);
  // Art. 6, 7: the archive step is owed from this very commit.
  ArchiveDuty duty = registration_archive_duty(student, r->planned.reopening.has_value(), ctx.at);
  registration.records.archive_owed.push_back(duty);
  registration.audit.push_back(ctx.entry());
  // On the engine's thread: what blocks goes to a follow-up worker.
  r->s.engine.commit_async(std::move(registration), [r, duty](Status stored) {
    if (stored) {
      r->ctx->recorded = true;
      r->ctx->answer_recorded = !r->ctx->idempotency_key.empty();
      // Art. 6: two months to build a new record's archive; Art. 7: one to
      // update a returning person's.
      r->s.follow_up([r, duty] {
        follow_with_archive_step(r->s, duty, *r->ctx, [r] {
          r->answer(json_response(201, student_json(r->planned.student)));
        });
      });
      return;
    }
    // It may be on disk: not a refusal, and no other serial is tried.
    if (stored.error().code == "outcome_unknown") return r->answer(from_error(stored.error()));
    r->s.follow_up([r, refused = stored.error()] { after_refusal(r, refused); });
  });
}

}  // namespace

void register_student(Services& s, const Request& r, std::shared_ptr<Context> ctx, Answer answer) {
  auto body = parse_object(r);
  if (!body) return answer(from_error(body.error()));
  StoreRegistrationReads reads(s.stores.reads);
  auto planned =
      plan_registration(*body, s.engine.data()->orgs, &*ctx->account,
                        s.engine.data()->clock->now().beijing_date(), reads, &ctx->target);
  if (!planned) return answer(from_error(planned.error()));
  try_registration(std::make_shared<Registering>(
      Registering{s, std::move(*planned), std::move(ctx), std::move(answer), 0}));
}

Response readable_record(Services& s, const Student& student, Context& ctx,
                         const std::string& asked_as) {
  const std::string& number = student.registration_number;
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  const Status full = may_read_org(*ctx.account, student.school, orgs);
  // The cases of every number the record had: those opened under its
  // retired L number keep it as their subject (Art. 8).
  auto numbers = s.stores.reads.replaced_numbers(number);
  if (!numbers) return from_error(numbers.error());
  numbers->insert(numbers->begin(), number);
  // Each number's cases whole in one statement: no read per case.
  std::vector<CaseState> states;
  for (const auto& each : *numbers) {
    auto of = s.stores.reads.case_states_of(each);
    if (!of) return from_error(of.error());
    std::move(of->begin(), of->end(), std::back_inserter(states));
  }
  bool party = false;
  json open = json::array(), cases = json::array();
  for (const CaseState& c : states) {
    json entry{{"id", c.id}, {"kind", c.kind}, {"status", std::string(to_string(c.status))}};
    if (c.opened_at) entry["opened_at"] = c.opened_at->to_string();
    if (const StepState* step = c.active()) {
      entry["step"] = step->plan.step;
      entry["holder"] = step->holder;
      open.push_back(entry);
      party = party || may_read_case(*ctx.account, c, orgs).ok();
    }
    if (!c.outcome.empty()) entry["outcome"] = c.outcome;
    if (c.completed_at) entry["completed_at"] = c.completed_at->to_string();
    cases.push_back(std::move(entry));
  }
  // Art. 14: the school of the next stage finds a student who ended a stage
  // to take the record over (stage_handover), seeing what the handover needs.
  const Org* reader = orgs.find(ctx.account->org);
  // Art. 20: so does a school receiving a student back from abroad, whose
  // record the county keeps (return_from_abroad).
  const bool handover =
      reader != nullptr && reader->level == OrgLevel::school &&
      (student.status == StudentStatus::graduated || student.status == StudentStatus::completed ||
       student.status == StudentStatus::abroad);
  if (!full && !party && !handover) return from_error(full.error());
  json out = student_json(student);
  // Other parties of an open case see what the case needs, not the name.
  if (!full) out["name"] = mask_name(student.name);
  // A disability is sensitive: the school and its superiors see the mark,
  // and a school taking the record over, which needs the assessment for it
  // (Art. 14); another case's party does not.
  if (!full && !handover) out.erase("special_needs");
  out.erase("birth_date");
  if (full) out["birth_date"] = student.birth_date.to_string();
  auto stage = stage_of_grade(student.grade);
  if (stage) out["stage"] = std::string(to_string(*stage));
  out["open_cases"] = std::move(open);
  out["cases"] = std::move(cases);
  // Art. 20: a record abroad is in the keeping of its school's superior.
  if (student.status == StudentStatus::abroad) {
    if (const Org* keeper = orgs.superior(student.school)) out["kept_by"] = keeper->code;
  }
  // Every value the record's fields had, with the case that changed each
  // (Art. 8, 13): for the school and its superiors only.
  if (full) {
    auto history = s.stores.reads.history_of(number);
    if (!history) return from_error(history.error());
    json changes = json::array();
    for (const auto& h : *history) {
      changes.push_back(json{{"version", h.version},
                             {"field", h.change.field},
                             {"old_value", h.change.old_value},
                             {"new_value", h.change.new_value},
                             {"source", h.source},
                             {"at", h.at.to_string()}});
    }
    out["history"] = std::move(changes);
    // Art. 20: the time abroad marked on the record, read off its history.
    json abroad = json::array();
    for (const auto& period : abroad_periods(*history)) {
      json mark{{"from", period.from.to_string()}, {"left_by", period.left_by}};
      if (period.to) {
        mark["to"] = period.to->to_string();
        mark["returned_by"] = period.returned_by;
        mark["returned_as"] = period.returned_as;
      }
      abroad.push_back(std::move(mark));
    }
    if (!abroad.empty()) out["abroad_periods"] = std::move(abroad);
  }
  if (!asked_as.empty()) {
    out["renumbered_from"] = asked_as;
    out["note"] = asked_as + " was a temporary number, replaced by " + number +
                  " when the identity was verified (Art. 8); it is never reused";
  }
  return json_response(200, out);
}

Response get_student(Services& s, const Request&, Context& ctx) {
  const std::string& number = ctx.args[0];
  // A retired L number still names its record: the G number it became.
  auto found = s.stores.reads.find_record(number);
  if (!found) return from_error(found.error());
  if (!*found) return problem(404, "unknown_student", "no student '" + number + "'");
  const bool renumbered = (*found)->registration_number != number;
  return readable_record(s, **found, ctx, renumbered ? number : std::string());
}

Response find_student_by_resident_id(Services& s, const Request&, Context& ctx) {
  const std::string& resident_id = ctx.args[0];
  // The live registration; else the closed record the ID's G number names
  // (Art. 8: one number for life).
  auto found = s.stores.reads.find_live_student(resident_id);
  if (!found) return from_error(found.error());
  if (!*found) {
    found = s.stores.reads.find_student(g_number(resident_id));
    if (!found) return from_error(found.error());
  }
  if (!*found) {
    return problem(404, "unknown_student", "no registration of resident ID '" + resident_id + "'");
  }
  // Audited under the number it found, as a read by number is.
  ctx.target = "student:" + (*found)->registration_number;
  return readable_record(s, **found, ctx);
}

}  // namespace xueji::http
