#include "actors/archive_opening.h"

#include "actors/undecided.h"

namespace xueji {

Status open_archive_duty(Runtime& engine, const ArchiveDuty& duty,
                         const std::optional<Student>& record, AuditEntry cause) {
  std::string refused = "unknown_student";
  if (record) {
    OpenCase command{duty.kind, record->school, {}, *record, ""};
    command.since = duty.owed_since;  // Art. 6, 7: the period runs from the operation
    auto reply = engine.request(duty.case_id, std::move(command), nullptr, cause);
    if (reply.ok) return Status();  // the opening's transition settled it
    // Undecided (among them a commit whose outcome is unknown, which may yet
    // have opened it): it stays owed, for the next start to send again.
    if (undecided(reply.error.code)) return reply.error;
    refused = reply.error.code;
  }
  Transition settle;
  settle.records.archive_settled.push_back(duty.case_id);
  // Already opened (a stop after the opening, or a second start): nothing
  // more to record. Otherwise the refusal stands on the audit trail.
  if (refused != "case_exists") {
    cause.outcome = refused;
    settle.audit.push_back(std::move(cause));
  }
  return engine.commit(std::move(settle));
}

AuditEntry archive_duty_entry(const ArchiveDuty& duty, Instant now) {
  return audit_entry(now, "xueji", duty.school, "case.open", "case:" + duty.case_id, "ok",
                     duty.kind + " owed since " + duty.owed_since.to_string() + " (" +
                         (duty.kind == "archive_build" ? "Art. 6" : "Art. 7") + ")");
}

}  // namespace xueji
