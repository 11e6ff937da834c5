#include "adapters/http/student_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "engine/account/jurisdiction.h"
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

}  // namespace xueji::http
