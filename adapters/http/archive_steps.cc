#include "adapters/http/archive_steps.h"

#include <memory>
#include <unordered_map>

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

namespace {

// The opening's audit entry: the caller's, as the one whose operation
// started the deadline.
AuditEntry opening_entry(const Context& ctx, const ArchiveDuty& duty) {
  Context follow = ctx;
  follow.action = "case.open";
  follow.target = "case:" + duty.case_id;
  return follow.entry();
}

}  // namespace

void follow_with_archive_step(Services& s, const ArchiveDuty& duty, const Context& ctx,
                              std::function<void()> then) {
  auto record = s.stores.reads.find_student(duty.subject);
  if (!record) return then();  // still owed: the next start opens it
  std::optional<Student> student;
  if (*record) student = **record;
  // Best effort: a failure leaves it owed.
  open_archive_duty_async(s.engine, duty, student, opening_entry(ctx, duty),
                          DutySource::just_recorded,
                          [then = std::move(then)](const Status&) { then(); });
}

void follow_with_archive_steps(Services& s, const std::vector<ArchiveDuty>& duties,
                               const Context& ctx) {
  if (duties.empty()) return;
  std::vector<std::string> numbers;
  numbers.reserve(duties.size());
  for (const auto& duty : duties) numbers.push_back(duty.subject);
  auto records = s.stores.reads.students_of(numbers);
  if (!records) return;  // still owed: the next start opens them
  std::unordered_map<std::string, Student> by_number;
  for (auto& record : *records) {
    std::string number = record.registration_number;
    by_number.emplace(std::move(number), std::move(record));
  }
  // Best effort: a failure leaves the rest owed.
  (void)open_archive_duties(
      s.engine, duties,
      [&](const ArchiveDuty& duty) {
        auto it = by_number.find(duty.subject);
        if (it == by_number.end()) return std::optional<Student>();
        return std::optional<Student>(it->second);
      },
      [&](const ArchiveDuty& duty) { return opening_entry(ctx, duty); }, DutySource::just_recorded);
}

}  // namespace xueji::http
