#pragma once
// Opening the case an archive step owes (Art. 6, 7), from the duty the
// operation recorded with its own commit (engine/case/archive_duty.h). The
// server does it right after the operation; the runtime again at start,
// for every duty a stop left owed. Idempotent through the duty's fixed
// case id: a duty whose case already exists is only settled.

#include <functional>
#include <optional>

#include "actors/runtime.h"
#include "engine/case/archive_duty.h"
#include "engine/student/student.h"

namespace xueji {

// Opens `duty`'s case on `record` (none: the record is gone), its first
// step's period counted from duty.owed_since, with `cause` (outcome "ok")
// as its audit entry. The opening settles the duty in its own transaction;
// a case already there settles it alone; a refusal by rule (the record
// closed meanwhile) settles it with `cause` recording the refusal's code,
// so a refused duty is not retried at every start. A store or engine
// failure leaves the duty owed (the next start retries) and is returned.
Status open_archive_duty(Runtime& engine, const ArchiveDuty& duty,
                         const std::optional<Student>& record, AuditEntry cause);
// The same without blocking: `done` gets what open_archive_duty returns,
// on one of the engine's threads, and must not block (the HTTP adapter's
// way, so that no follow-up worker waits on the engine).
void open_archive_duty_async(Runtime& engine, const ArchiveDuty& duty,
                             const std::optional<Student>& record, AuditEntry cause,
                             std::function<void(Status)> done);

// The audit entry of a duty opened by the engine itself (at start): the
// system ("xueji") for the school that owes it, naming when it was owed.
AuditEntry archive_duty_entry(const ArchiveDuty& duty, Instant now);

}  // namespace xueji
