#pragma once
// The archive's deadlines (Art. 6, 7), which follow other operations: a
// first registration gives the school two months to build the student's
// archive (archive_build), a reopened record or an approved change of
// school or of the record's fields one month to update it (archive_update).
// Each is a case like any other: the school confirms it, silence escalates.
//
// The step is owed from the operation's own commit: the duty
// (engine/case/archive_duty.h) is written in its transaction, its case
// opened right after, and a duty a stop left owed is opened at the next
// start (actors/archive_opening.h), so no stop loses the deadline.

#include <functional>
#include <string>
#include <vector>

#include "adapters/http/context.h"
#include "adapters/http/services.h"
#include "engine/case/archive_duty.h"

namespace xueji::http {

// The duty a registration (or, `reopened`, a reopening) of `student` at
// `at` owes, under a new case id; the caller commits it with the
// registration (Transition::records.archive_owed).
ArchiveDuty registration_archive_duty(const Student& student, bool reopened, Instant at);

// Opens the case `duty` owes after the operation `ctx` committed with it.
// Its audit entry names the caller, as the one whose operation started the
// deadline. The operation stands whatever happens here: a refusal (the
// record closed meanwhile) is recorded on the audit trail as that entry's
// outcome (its code); a store failure leaves the duty owed, for the next
// start. Reads the record on the calling thread (a follow-up worker), then
// waits for the engine without a thread: `then` runs once the case is
// opened or the attempt is over, on one of the engine's threads.
void follow_with_archive_step(Services& s, const ArchiveDuty& duty, const Context& ctx,
                              std::function<void()> then);
// A batch's steps (a term's intake: up to 10,000), opened side by side
// (open_archive_duties), their records read in one query. Returns once
// every opening is over; blocks the calling thread (a long worker's).
void follow_with_archive_steps(Services& s, const std::vector<ArchiveDuty>& duties,
                               const Context& ctx);

}  // namespace xueji::http
