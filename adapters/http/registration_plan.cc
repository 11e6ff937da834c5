#include "adapters/http/registration_plan.h"

#include "adapters/http/json_body.h"
#include "engine/account/jurisdiction.h"
#include "engine/org/school_type.h"
#include "engine/student/registration_number.h"
#include "engine/student/reopening.h"
#include "engine/student/student_registry.h"

namespace xueji {

using http::identity_fields;
using http::string_field;
using http::whole_number_field;

Result<PlannedRegistration> plan_registration(const nlohmann::json& body, const OrgTree& orgs,
                                              const Account* registrar, Date today,
                                              RegistrationReads& reads, std::string* target) {
  // No `id` (or null): a student with no usable ID, numbered J (Art. 10).
  auto id = string_field(body, "id", false);
  auto name = string_field(body, "name");
  auto school = string_field(body, "school");
  for (const auto* f : {&id, &name, &school}) {
    if (!*f) return f->error();
  }
  if (auto grade = whole_number_field(body, "grade", "a whole number 1-12"); !grade) {
    return grade.error();
  }
  // Art. 14: the special-needs mark (随班就读) rests on the expert
  // committee's assessment and the superior's approval, which a
  // registration, committed at once, would pass by: refused, not dropped.
  if (body.contains("special_needs")) {
    return make_error("invalid_field",
                      "field 'special_needs' is not set by a registration: once the student is "
                      "registered, an info_change naming the expert committee's assessment "
                      "(assessment_ref) sets it and the county approves it (Art. 14)");
  }
  auto identity = identity_fields(body, id->empty());
  if (!identity) return identity.error();
  const Org* org = orgs.find(*school);
  if (org == nullptr || org->level != OrgLevel::school) {
    return make_error("unknown_org", "school '" + *school + "' is not a known school");
  }
  if (org->closed()) {
    return make_error("org_closed", "school " + *school + " merged or closed; " + org->successor +
                                        " acts for it (Art. 12)");
  }
  if (target != nullptr) *target = "school:" + *school;
  if (registrar != nullptr) {
    if (Status may = may_register_at(*registrar, *school, orgs); !may) return may.error();
  }
  const long long grade = body["grade"].get<long long>();
  // Art. 2: the school's type says which grades it teaches (1-12 else below).
  if (grade >= 1 && grade <= 12) {
    Status fits = check_grade_at_school(orgs, *school, static_cast<int>(grade));
    if (!fits) return fits.error();
  }
  StudentRegistry registry;
  if (!id->empty()) {
    auto existing = reads.live_student(*id);
    if (!existing) return existing.error();
    if (*existing) (void)registry.restore(**existing);
  }
  NewStudent request = *identity;
  request.resident_id = *id;
  request.name = *name;
  request.school = *school;
  request.grade = grade < 0 || grade > 99 ? 0 : static_cast<int>(grade);
  auto student = registry.register_student(request, today);
  if (!student) return student.error();
  PlannedRegistration planned;
  planned.student = *student;
  // Art. 8: a person registered before keeps that number (the G number of
  // the ID, even when registered again before verification); a closed
  // record is reopened, not registered twice (a deceased person not at all).
  // Without an ID nothing names an earlier record: a J number is new.
  if (!id->empty()) {
    auto archived = reads.record(g_number(*id));
    if (!archived) return archived.error();
    if (*archived) {
      auto reopened = reopen_record(**archived, *student);
      if (!reopened) return reopened.error();
      planned.reopening = ReopenedRecord{*reopened, (*archived)->status};
      planned.student = *reopened;
      return planned;
    }
  }
  // An L or J number's serial: the next after the last ever issued in its
  // range; the store's key on the numbers issued decides between two
  // registrations racing for one, and the loser takes the next.
  planned.range = http::serial_range(planned.student.registration_number);
  if (planned.range) {
    auto last = reads.last_issued(planned.range->lowest, planned.range->highest);
    if (!last) return last.error();
    planned.range->next = planned.range->after(*last);
    auto number = planned.range->number();
    if (!number) return number.error();
    planned.student.registration_number = *number;
  }
  return planned;
}

void add_registration(RecordWrites& into, const PlannedRegistration& planned) {
  if (planned.reopening) {
    into.reopened.push_back(*planned.reopening);
  } else {
    into.registrations.push_back(planned.student);
  }
}

}  // namespace xueji
