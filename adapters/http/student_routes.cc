#include "adapters/http/student_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "engine/account/jurisdiction.h"
#include "engine/student/registration_number.h"
#include "engine/student/reopening.h"
#include "engine/student/student_registry.h"

namespace xueji::http {
namespace {

using nlohmann::json;

json student_json(const Student& s) {
  return json{{"registration_number", s.registration_number},
              {"name", s.name},
              {"school", s.school},
              {"grade", s.grade},
              {"status", std::string(to_string(s.status))},
              {"birth_date", s.birth_date.to_string()},
              {"gender", std::string(to_string(s.gender))}};
}

}  // namespace

Response register_student(Services& s, const Request& r, Context& ctx) {
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
  const OrgTree& orgs = s.engine.data().orgs;
  const Org* org = orgs.find(*school);
  if (org == nullptr || org->level != OrgLevel::school) {
    return problem(404, "unknown_org", "school '" + *school + "' is not a known school");
  }
  ctx.target = "school:" + *school;
  if (Status may = may_register_at(*ctx.account, *school, orgs); !may) {
    return from_error(may.error());
  }
  StudentRegistry registry;
  auto existing = s.stores.reads.find_live_student(*id);
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
  auto student = registry.register_student(request, s.engine.data().clock->now().beijing_date());
  if (!student) return from_error(student.error());
  // Art. 8: a person registered before keeps that number; a closed record
  // is reopened, not registered twice (a deceased person not at all).
  std::optional<ReopenedRecord> reopening;
  auto archived = s.stores.reads.find_student(student->registration_number);
  if (!archived) return from_error(archived.error());
  if (*archived) {
    auto reopened = reopen_record(**archived, *student);
    if (!reopened) return from_error(reopened.error());
    reopening = ReopenedRecord{*reopened, (*archived)->status};
    student = *reopened;
  }
  // The store's unique index closes the race between two registrations; an
  // Idempotency-Key's answer commits with the registration.
  std::optional<RecordedAnswer> answer;
  if (!ctx.idempotency_key.empty()) {
    answer =
        RecordedAnswer{ctx.idempotency_key, 201, "application/json", student_json(*student).dump()};
  }
  ctx.target = "student:" + student->registration_number;
  Transition registration;
  if (reopening) {
    registration.records.reopened.push_back(*reopening);
  } else {
    registration.records.registrations.push_back(*student);
  }
  registration.answer = answer;
  registration.audit.push_back(ctx.entry());
  Status stored = s.engine.commit(std::move(registration));
  if (!stored) {
    auto again = s.stores.reads.find_live_student(*id);
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

namespace {

// The record `student` as `ctx`'s account may read it (get_student's
// contract), or the refusal.
Response readable_record(Services& s, const Student& student, Context& ctx) {
  const std::string& number = student.registration_number;
  const OrgTree& orgs = s.engine.data().orgs;
  const Status full = may_read_org(*ctx.account, student.school, orgs);
  auto ids = s.stores.reads.cases_of(number);
  if (!ids) return from_error(ids.error());
  bool party = false;
  json open = json::array(), cases = json::array();
  for (const auto& id : *ids) {
    auto loaded = s.stores.reads.load_case(id);
    if (!loaded) return from_error(loaded.error());
    if (!*loaded) continue;
    const CaseState& c = **loaded;
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
  if (!full && !party) return from_error(full.error());
  json out = student_json(student);
  // Other parties of an open case see what the case needs, not the name.
  if (!full) out["name"] = mask_name(student.name);
  out.erase("birth_date");
  if (full) out["birth_date"] = student.birth_date.to_string();
  auto stage = stage_of_grade(student.grade);
  if (stage) out["stage"] = std::string(to_string(*stage));
  out["open_cases"] = std::move(open);
  out["cases"] = std::move(cases);
  return json_response(200, out);
}

}  // namespace

Response get_student(Services& s, const Request&, Context& ctx) {
  const std::string& number = ctx.args[0];
  auto found = s.stores.reads.find_student(number);
  if (!found) return from_error(found.error());
  if (!*found) return problem(404, "unknown_student", "no student '" + number + "'");
  return readable_record(s, **found, ctx);
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
