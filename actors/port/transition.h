#pragma once
// What one step of the engine writes: a case's new events and row, the
// notices and student changes they cause, an idempotent answer, audit
// entries, account timer changes. The actors make transitions; a Journal
// (journal.h) commits them. Plain data, no CAF, no SQL: the port's own
// vocabulary, which the store and the in-memory journal both speak.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/account/account.h"
#include "engine/account/token_record.h"
#include "engine/audit/audit_chain.h"
#include "engine/case/archive_duty.h"
#include "engine/case/case_state.h"
#include "engine/case/notice.h"
#include "engine/case/owed_follow_up.h"
#include "engine/case/step_statistics.h"
#include "engine/case/student_effect.h"
#include "engine/core/instant.h"
#include "engine/org/org_change.h"
#include "engine/student/record_history.h"
#include "engine/student/student.h"

namespace xueji {

// What a completed case does to its student: only the fields it changes.
using StudentChange = StudentEffect;

// The rows of the record's history a change from `before` to `after`
// leaves (Art. 8: one record for life): every field it changed, the status
// and the school included, but the mark a transfer sets while it is open
// (transfer_pending), which is the case's state, not the record's:
// entering or leaving it is no row. Both journals write exactly these.
std::vector<FieldChange> history_rows(const Student& before, const Student& after);

// Whether `change` may leave history rows: it names fields, moves school,
// or sets a status other than the transfer's mark. A journal applies such a
// change row by row, reading the record first.
bool may_leave_history(const StudentChange& change);

// The answer to an API request made with an Idempotency-Key, written in the
// same transaction as the transition it caused, so that a retry after a
// crash gets exactly the first answer.
struct RecordedAnswer {
  std::string key;
  int status = 0;
  std::string content_type;
  std::string body;
};

// An account's timer state as its actor last decided it: the day of its
// last use, and either when it will be sealed or since when it is.
struct AccountChange {
  std::string name;
  Date last_used;
  std::optional<Instant> seal_due;
  std::optional<Instant> sealed_at;
};

// A case's row after a transition, encoded by whoever makes the transition
// (a case actor, on its own thread) so that the one writer thread only
// copies bytes: the snapshot (engine/case/case_snapshot.h) and the columns
// the deadline index and the org lists read.
struct CaseRow {
  std::string kind;
  std::string status;
  std::string rule_version;
  std::string subject;
  int64_t event_count = 0;
  std::optional<int64_t> next_instant;  // unix seconds of the next timer
  int64_t updated_at = 0;               // unix seconds of the last event
  std::string snapshot;
  bool has_active_step = false;
  std::string active_step, active_org, holder, active_due, holder_due;
  // OrgTree::authority_over(active_org), for the lists above a school
  // (migration 0034): empty from case_transition(), filled by the case
  // actor, which has the org tree; stored as NULL while empty.
  std::string active_authority;
};

// An event as the journal keeps it.
struct EventRow {
  std::string type;
  int64_t at = 0;    // unix seconds
  std::string body;  // event_body(event) (engine/case/event_codec.h)
};

// Changes to the records around the cases, made by the adapters (a
// registration, an account, a token) and written through the same journal
// as the cases: one write path, one audit chain.
struct NewAccount {
  Account account;
  Instant created_at;
};
struct PasswordChange {
  std::string name;
  std::string password_hash;
  Date changed;
};
struct IssuedToken {
  TokenRecord token;
  std::string token_hash;  // SHA-256 of the bearer token
};
struct RevokedToken {
  std::string id;
  Instant at;
};
// A closed record reopened for its returning holder (Art. 8), written only
// while the record still holds the status `was` (a compare-and-set).
struct ReopenedRecord {
  Student student;
  StudentStatus was = StudentStatus::withdrawn;
};
// A temporary L number replaced by the G number once the identity is
// verified (Art. 8): the record moves to `student.registration_number`
// (written only while `from` still names it), and `from` is retired for
// good and stays the alias through which its cases reach the record.
struct Renumbering {
  std::string from;
  Student student;  // the record under its new number
  Instant at;
};
// A grade corrected in the month after a promotion (Art. 7), written only
// while the record is still at `version` holding `old_grade` (a
// compare-and-set, else "student_changed"); it moves the version on and
// leaves one row of history (field 'grade', `source`).
struct GradeCorrection {
  std::string registration_number;
  int64_t version = 0;
  int old_grade = 0;
  int new_grade = 0;
  std::string source;  // "correction:" + the run's id
  Instant at;
};
// Art. 15: a case's progress code, which the family receives when the
// case opens and reads its progress with, without an account. Only its
// SHA-256 is kept, written with the case's opening so that a code the
// family was given always reads.
struct ProgressCode {
  std::string case_id;
  std::string code_hash;  // SHA-256 of the code, hex
};
// A school opened, renamed, merged or closed on the running engine (Art.
// 12, engine/org/org_change.h), as the store keeps it: the start replays
// the org file and then every change in order. A merger or closure's
// hand-over (its open cases, its records) runs after the commit and is
// finished when `finished` is recorded for it (store/org_change_rows.h).
struct OrgChangeRecord {
  OrgChange change;
  Instant at;
  std::string by;  // the account that made it
  std::string reason;
};

struct RecordWrites {
  // New students; an L or J number is also claimed for good among the
  // numbers ever issued (a taken one fails the commit).
  std::vector<Student> registrations;
  std::vector<ReopenedRecord> reopened;
  std::vector<Renumbering> renumberings;
  std::vector<NewAccount> new_accounts;
  std::vector<PasswordChange> password_changes;
  std::vector<IssuedToken> issued_tokens;
  std::vector<RevokedToken> revoked_tokens;
  std::vector<GradeCorrection> grade_corrections;
  // Art. 6, 7: archive steps owed by the operation this commits, recorded
  // with it (a key already recorded fails the commit), and those settled:
  // their case opened (in the opening's own transition) or refused. What
  // a stop leaves owed is opened at the next start (actors/runtime.h).
  std::vector<ArchiveDuty> archive_owed;
  std::vector<std::string> archive_settled;  // case ids; an unknown one is no error
  std::vector<ProgressCode> progress_codes;  // a key already recorded fails the commit
  // Art. 12: the orgs follow (an opened school, a new name), and a merged
  // or closed school's successor is kept (with every successor that named
  // it, as apply_org_change does): from then on a record at a school's
  // successor is at that school for the compare-and-set of the cases
  // opened there (student_effect.h).
  std::vector<OrgChangeRecord> org_changes;
  // Art. 12, 16, 17: what a case's commit owes the student's other cases
  // (engine/case/owed_follow_up.h), recorded with it (an id already
  // recorded fails the commit), and those settled once every live case
  // took or refused them. What a stop leaves owed is delivered at the next
  // start.
  std::vector<OwedFollowUp> follow_ups_owed;
  std::vector<std::string> follow_ups_settled;  // ids; an unknown one is no error
  // The national schedule years whose provisional due dates have been
  // re-dated (migrations/0026_schedule_years.sql); one recorded already is
  // no error.
  std::vector<int> schedule_years;
  Instant schedule_years_at;  // when they were settled

  bool empty() const {
    return registrations.empty() && reopened.empty() && renumberings.empty() &&
           new_accounts.empty() && password_changes.empty() && issued_tokens.empty() &&
           revoked_tokens.empty() && grade_corrections.empty() && archive_owed.empty() &&
           archive_settled.empty() && progress_codes.empty() && org_changes.empty() &&
           follow_ups_owed.empty() && follow_ups_settled.empty() && schedule_years.empty();
  }
};

// Appends every write of `more` to `into`: an adapter's writes joining the
// transition a case command makes (a progress code with the opening).
void append_records(RecordWrites& into, RecordWrites more);

// The columns of a case's row the backlog counters read
// (actors/backlog_counts.h): whether the case is open, and whether it has
// an active step and the due date of that step's party.
struct CountedRow {
  bool open = false;
  bool has_active_step = false;
  std::string active_due;  // as the row stores it: YYYY-MM-DD, or ""
};

// The counted columns of `row`.
CountedRow counted(const CaseRow& row);

// One case's step forward: the events it appended (numbered from
// first_seq), the case's row after them, and what they cause outside the
// case. With an empty case_id, a transition carries no case: only audit
// entries, account changes or record writes (an audited read, an account
// sealed, a student registered).
struct Transition {
  std::string case_id;
  int64_t first_seq = 0;
  std::vector<EventRow> events;
  CaseRow row;
  std::vector<Notice> notices;
  std::vector<StudentChange> student_changes;
  std::optional<RecordedAnswer> answer;
  // Audit entries for what caused it (seq and hashes are filled in the
  // commit's transaction).
  std::vector<AuditEntry> audit;
  std::vector<AccountChange> account_changes;
  RecordWrites records;
  // The case's row as it stood before these events, as the backlog
  // counters need it; none for a case new to the store.
  std::optional<CountedRow> before;
  // The supervisor's figures the events change (engine/case/
  // step_statistics.h), written in the same transaction; empty from
  // case_transition(), filled by the case actor, which has the org tree
  // and calendars they are counted on.
  StatisticsChanges statistics;
};

// The transition of case `after.id` appending `events` (numbered from
// `first_seq`): its encoded row and event rows, the notices the events
// address, and what they do to the student's record.
Transition case_transition(int64_t first_seq, const std::vector<CaseEvent>& events,
                           const CaseState& after);

// The counted columns of the row `state` would be written as; none when it
// has no event yet (a case not yet in the store).
std::optional<CountedRow> counted_row(const CaseState& state);

}  // namespace xueji
