#include "adapters/http/archive_steps.h"

#include "actors/archive_opening.h"
#include "adapters/http/case_ids.h"

namespace xueji::http {

ArchiveDuty registration_archive_duty(const Student& student, bool reopened, Instant at) {
  ArchiveDuty duty;
  duty.case_id = new_case_id();  // fixed now: opening it twice finds it
  duty.kind = archive_kind_after_registration(reopened);
  duty.subject = student.registration_number;
  duty.school = student.school;
  duty.owed_since = at;
  return duty;
}

void follow_with_archive_step(Services& s, const ArchiveDuty& duty, const Context& ctx) {
  Context follow = ctx;
  follow.action = "case.open";
  follow.target = "case:" + duty.case_id;
  auto record = s.stores.reads.find_student(duty.subject);
  if (!record) return;  // still owed: the next start opens it
  std::optional<Student> student;
  if (*record) student = **record;
  (void)open_archive_duty(s.engine, duty, student, follow.entry());  // best effort: it stays owed
}

}  // namespace xueji::http
