#pragma once
// Opening the case an archive step owes (Art. 6, 7), from the duty the
// operation recorded with its own commit (engine/case/archive_duty.h). The
// server does it right after the operation; the runtime again at start,
// for every duty a stop left owed. Idempotent through the duty's fixed
// case id: a duty whose case already exists is only settled.

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "actors/left_duties_opened.h"
#include "actors/port/journal.h"
#include "actors/runtime.h"
#include "engine/case/archive_duty.h"
#include "engine/student/student.h"

namespace xueji {

// Where a duty's case id comes from. Drawn by this process moments ago
// (the operation's follow-up): no case is stored under it, so none is
// looked for (Runtime::open_new_async; one resident or loading under it is
// still found). Left by a stop (read at start) or by a follow-up that
// failed (the sweep, archive_duty_sweep.h): its case may exist.
enum class DutySource { just_recorded, left_by_a_stop };

// Opens `duty`'s case on `record` (none: the record is gone), its first
// step's period counted from duty.owed_since, with `cause` (outcome "ok")
// as its audit entry. The opening settles the duty in its own transaction;
// a case already there settles it alone; a refusal by rule (the record
// closed meanwhile) settles it with `cause` recording the refusal's code,
// so a refused duty is not retried at every start. A store or engine
// failure leaves the duty owed (the next start retries). `done` gets the
// outcome on one of the engine's threads and must not block.
void open_archive_duty_async(Runtime& engine, const ArchiveDuty& duty,
                             const std::optional<Student>& record, AuditEntry cause,
                             DutySource source, std::function<void(Status)> done);

// Opens each of `duties` as open_archive_duty_async does, side by side so
// that their commits share the writer's group commits rather than take one
// each (a term's intake: 10,000 rows a batch; the next start after an
// import, all of them): at most `window` wait on the engine at once
// (each_in_flight, submit_each.h), each within its reply bound.
// `record_of` gives a duty's record (none: gone), `cause_of` its audit
// entry. Blocks until every opening sent is over; the first failure stops
// sending and is returned, the duties not opened left owed for the next
// start. The cases opened are then put to sleep (Runtime::put_to_sleep).
using RecordOf = std::function<std::optional<Student>(const ArchiveDuty&)>;
using CauseOf = std::function<AuditEntry(const ArchiveDuty&)>;
constexpr size_t kArchiveOpeningWindow = 256;
Status open_archive_duties(Runtime& engine, const std::vector<ArchiveDuty>& duties,
                           const RecordOf& record_of, const CauseOf& cause_of, DutySource source,
                           size_t window = kArchiveOpeningWindow);

// Opens the duties a stop or a failed follow-up left owed that `take`
// picks (it sees every duty read, oldest first), as
// open_archive_duties does (left_by_a_stop, kArchiveOpeningWindow), each
// on its record read from `journal` (none: gone) and audited as the
// engine's own (archive_duty_entry) at the engine's clock: the start's
// openings and the sweep's are the same. Reads `page` duties at a time,
// and their records, and opens them before reading on, so what it holds
// does not grow with what is owed (a million after an intake's import);
// the next page is read, on a thread of its own, while one opens, so
// `take` is called from one thread at a time, not always the caller's.
// Stops at the first failure, and before a page once `stop` (if given)
// is set: what it did not open stays owed.
using TakeDuty = std::function<bool(const ArchiveDuty&)>;
constexpr size_t kLeftDutyPage = 10000;
LeftDutiesOpened open_left_duties(Runtime& engine, Journal& journal, const TakeDuty& take,
                                  size_t page = kLeftDutyPage,
                                  const std::atomic<bool>* stop = nullptr);

// The audit entry of a duty opened by the engine itself (at start): the
// system ("xueji") for the school that owes it, naming when it was owed.
AuditEntry archive_duty_entry(const ArchiveDuty& duty, Instant now);

}  // namespace xueji
