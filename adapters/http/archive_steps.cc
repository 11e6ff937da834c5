#include "adapters/http/archive_steps.h"

#include <future>
#include <memory>

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

void follow_with_archive_step(Services& s, const ArchiveDuty& duty, const Context& ctx,
                              std::function<void()> then) {
  Context follow = ctx;
  follow.action = "case.open";
  follow.target = "case:" + duty.case_id;
  auto record = s.stores.reads.find_student(duty.subject);
  if (!record) return then();  // still owed: the next start opens it
  std::optional<Student> student;
  if (*record) student = **record;
  // Best effort: a failure leaves it owed.
  open_archive_duty_async(s.engine, duty, student, follow.entry(),
                          [then = std::move(then)](const Status&) { then(); });
}

void follow_with_archive_step(Services& s, const ArchiveDuty& duty, const Context& ctx) {
  auto over = std::make_shared<std::promise<void>>();
  auto waited = over->get_future();
  follow_with_archive_step(s, duty, ctx, [over] { over->set_value(); });
  waited.wait();
}

}  // namespace xueji::http
