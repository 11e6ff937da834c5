#include "actors/archive_opening.h"

#include <mutex>

#include "actors/submit_each.h"
#include "actors/undecided.h"

namespace xueji {

namespace {

OpenCase opening_of(const ArchiveDuty& duty, const Student& record) {
  OpenCase command{duty.kind, record.school, {}, record, ""};
  command.since = duty.owed_since;  // Art. 6, 7: the period runs from the operation
  return command;
}

// The duty settled without its case: already opened (a stop after the
// opening, or a second start) needs nothing more recorded; otherwise the
// refusal (`refused`, a code) stands on the audit trail.
Transition settled_without_case(const ArchiveDuty& duty, AuditEntry cause,
                                const std::string& refused) {
  Transition settle;
  settle.records.archive_settled.push_back(duty.case_id);
  if (refused != "case_exists") {
    cause.outcome = refused;
    settle.audit.push_back(std::move(cause));
  }
  return settle;
}

}  // namespace

void open_archive_duty_async(Runtime& engine, const ArchiveDuty& duty,
                             const std::optional<Student>& record, AuditEntry cause,
                             DutySource source, std::function<void(Status)> done) {
  if (!record) {
    engine.commit_async(settled_without_case(duty, std::move(cause), "unknown_student"),
                        std::move(done));
    return;
  }
  auto settle = [&engine, duty, cause, done = std::move(done)](CaseReply reply) mutable {
    if (reply.ok) return done(Status());
    if (undecided(reply.error.code)) return done(reply.error);
    engine.commit_async(settled_without_case(duty, std::move(cause), reply.error.code),
                        std::move(done));
  };
  if (source == DutySource::just_recorded) {
    engine.open_new_async(duty.case_id, opening_of(duty, *record), nullptr, cause, {},
                          std::move(settle));
  } else {
    engine.request_async(duty.case_id, opening_of(duty, *record), nullptr, cause, {},
                         std::move(settle));
  }
}

Status open_archive_duties(Runtime& engine, const std::vector<ArchiveDuty>& duties,
                           const RecordOf& record_of, const CauseOf& cause_of, DutySource source,
                           size_t window) {
  std::mutex m;
  Status first_failure;
  each_in_flight(duties.size(), window, [&](size_t n, std::function<void()> done) {
    {
      std::lock_guard<std::mutex> lock(m);
      if (!first_failure) return done();  // not sent: left owed
    }
    const ArchiveDuty& duty = duties[n];
    open_archive_duty_async(engine, duty, record_of(duty), cause_of(duty), source,
                            [&m, &first_failure, done](Status opened) {
                              {
                                std::lock_guard<std::mutex> lock(m);
                                if (!opened && first_failure) first_failure = opened;
                              }
                              done();
                            });
  });
  return first_failure;
}

Status open_left_duties(Runtime& engine, const std::vector<ArchiveDuty>& duties,
                        const std::map<std::string, StoredStudent>& records) {
  return open_archive_duties(
      engine, duties,
      [&](const ArchiveDuty& duty) {
        auto found = records.find(duty.subject);
        if (found == records.end()) return std::optional<Student>();
        return std::optional<Student>(found->second.student);
      },
      [&](const ArchiveDuty& duty) {
        return archive_duty_entry(duty, engine.data()->clock->now());
      },
      DutySource::left_by_a_stop);
}

AuditEntry archive_duty_entry(const ArchiveDuty& duty, Instant now) {
  return audit_entry(now, "xueji", duty.school, "case.open", "case:" + duty.case_id, "ok",
                     duty.kind + " owed since " + duty.owed_since.to_string() + " (" +
                         (duty.kind == "archive_build" ? "Art. 6" : "Art. 7") + ")");
}

}  // namespace xueji
