#pragma once
// The September intake: a term's entrants registered in bulk, over HTTP
// (POST /v1/students/batch) and offline (`xueji import`). Every row is
// checked as a single registration is (registration_plan.h), against the
// store read in bulk and against the rows above it (one person twice in a
// file is refused the second time, as the second POST would be); the good
// rows are stored in large transactions, each with the audit entry and the
// archive duty (Art. 6, 7) a single registration writes.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/http/intake_rows.h"
#include "adapters/http/registration_plan.h"
#include "engine/case/archive_duty.h"

namespace xueji::http {

// One row's outcome: registered (or, all-or-nothing with a refusal
// elsewhere, good but not registered), or refused with the error a single
// registration of the same body would get.
struct IntakeOutcome {
  int row = 0;
  std::optional<Student> student;
  bool reopened = false;
  bool stored = false;
  std::optional<Error> problem;
  std::optional<ArchiveDuty> duty;  // owed from the row's commit
};

struct IntakeSummary {
  std::vector<IntakeOutcome> rows;
  size_t registered = 0;
  size_t refused = 0;
  bool none_stored = false;  // all-or-nothing and a row was refused
  // "120 rows: 118 registered, 2 refused (rows 7 (invalid_resident_id), ...)".
  std::string detail() const;
};

struct IntakeOptions {
  const Account* registrar = nullptr;  // nullptr: the operator, offline
  Instant at;                          // the registrations' instant
  bool all_or_nothing = false;         // one refusal stores no row at all
  size_t rows_per_commit = 10'000;     // one transaction per so many rows
  // A registered row's audit entry (the single route's: student.register
  // on student:<number>).
  std::function<AuditEntry(const Student&, int row)> row_entry;
  // Commits one transaction on `lane` (0 .. lanes - 1). Called on other
  // threads while the rows after that chunk are checked: one call at a
  // time on each lane, up to `lanes` at once, chunks launched in order (a
  // refused chunk's rows, retried one by one, on the caller's thread with
  // nothing else in flight). Chunks in flight side by side may commit out
  // of order: the audit trail then holds each chunk's entries together, in
  // the order the chunks committed.
  std::function<Status(Transition, size_t lane)> commit;
  // Commits in flight at once, each on its own connection. PostgreSQL
  // writes one transaction's rows on one backend, so one lane left the
  // other core idle through most of an intake (docs/performance.md): two
  // where the store commits side by side (Journal::commits_side_by_side).
  size_t lanes = 1;
};

// Registers the good rows of `rows`. A transaction the store refuses
// (another registration raced a row of it) is retried row by row, each
// checked again against the store as it is then. Errors: a store failure
// while reading, or any failure to commit when all-or-nothing.
Result<IntakeSummary> register_intake(const std::vector<IntakeRow>& rows, const OrgTree& orgs,
                                      store::ReadModel& reads, const IntakeOptions& options);

}  // namespace xueji::http
