#pragma once
// The store: SOCI over PostgreSQL (production, tests) or SQLite (the
// embedded default), one schema on both, versioned migrations. Not
// thread-safe: one Store per actor that owns it (the writer, a reader).
//
// Every write of case transitions is one transaction per batch: events,
// snapshots, next instants, notices and student changes commit together or
// not at all. All SQL goes through bound parameters.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/account/account.h"
#include "engine/audit/audit_chain.h"
#include "engine/case/case_state.h"
#include "engine/case/notice.h"
#include "engine/case/student_effect.h"
#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/student/student.h"

namespace soci {
class session;
}

namespace xueji::store {

class ArrayStatement;
struct Column;

// "postgresql://user:pass@host:port/db" or "sqlite:path/to/file.db".
struct DatabaseUrl {
  enum class Backend { postgresql, sqlite } backend = Backend::sqlite;
  std::string connect;  // what the SOCI backend is given
  std::string path;     // sqlite: the file
};
Result<DatabaseUrl> parse_database_url(const std::string& url);
// The URL fit for logs and errors: its password replaced by ***.
std::string redact_password(const std::string& url);

using StudentChange = StudentEffect;

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

// A case's row in `cases` after a transition, encoded by whoever makes the
// transition (a case actor, on its own thread) so that the one writer
// thread only copies bytes: the snapshot (case_codec.h) and the columns
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
};

// An event as `case_events` stores it.
struct EventRow {
  std::string type;
  int64_t at = 0;    // unix seconds
  std::string body;  // event_body(event) (case_codec.h)
};

// One case's step forward: the events it appended (numbered from
// first_seq), the case's row after them, and what they cause outside the
// case. With an empty case_id, a transition carries only audit entries or
// account changes (an audited read, an account sealed).
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
};

// A transition of case `after.id` appending `events` (numbered from
// `first_seq`) with its encoded row and event bodies; nothing else yet.
Transition case_transition(int64_t first_seq, const std::vector<CaseEvent>& events,
                           const CaseState& after);

// A case whose timer must fire at `at`.
struct PendingWake {
  std::string case_id;
  Instant at;
};

// An account's stored record: the account, and its timer (none while
// sealed).
struct StoredAccount {
  Account account;
  std::optional<Instant> seal_due;
  Instant created_at;
};

// A bearer token's record. Only the SHA-256 of the token is kept.
struct TokenRecord {
  std::string id;  // public handle, to revoke by
  std::string account;
  std::string kind;  // "session" (from a login) or "system" (issued by an administrator)
  Instant issued_at;
  std::optional<Instant> expires_at;  // none: until revoked
  std::optional<Instant> revoked_at;
};

// The audit trail's head: the last entry's number and hash.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

// An open case's active step, as the cases table indexes it.
struct ActiveStep {
  std::string case_id;
  std::string kind;
  std::string step;
  std::string org;         // the party's own org
  std::string holder;      // who must answer now (after escalation, a superior)
  std::string due;         // the party's last day, YYYY-MM-DD
  std::string holder_due;  // the holder's last day
};

// The first answer to a POST made with an Idempotency-Key (status 0 while
// the first request is still being answered).
struct StoredAnswer {
  std::string request_hash;
  int status = 0;
  std::string content_type;
  std::string body;
};

class Store {
 public:
  // Connects. An unreachable or unopenable database is "store_unavailable".
  static Result<std::unique_ptr<Store>> open(const std::string& url);
  ~Store();

  // Applies the migration files (NNNN_name.sql) not yet recorded, in order,
  // each in its own transaction. Returns how many were applied.
  Result<int> migrate(const std::string& migrations_dir);

  // Commits a batch of transitions in one transaction. On any failure
  // nothing of the batch is written.
  Status commit(const std::vector<Transition>& batch);

  // With `answer`, the API's answer is recorded in the same transaction.
  Status insert_student(const Student& student,
                        const std::optional<RecordedAnswer>& answer = std::nullopt,
                        const std::vector<AuditEntry>& audit = {});
  Result<std::optional<Student>> find_student(const std::string& registration_number);
  Result<std::vector<Student>> load_students();
  // The live registration (not deregistered or graduated) of a resident ID.
  Result<std::optional<Student>> find_live_student(const std::string& resident_id);

  // Writes the org tree when the table is empty; returns whether it did.
  Result<bool> seed_orgs(const OrgTree& tree);
  Result<OrgTree> load_orgs();

  Result<std::optional<CaseState>> load_case(const std::string& case_id);
  // The stored states of those of `case_ids` that exist, in one query: the
  // case directory loads every case its queued messages name at once.
  Result<std::map<std::string, CaseState>> load_cases(const std::vector<std::string>& case_ids);
  Result<std::vector<CaseEvent>> load_events(const std::string& case_id);
  // Every case with a timer, soonest first: the deadline index.
  Result<std::vector<PendingWake>> pending_wakes();
  Result<std::vector<Notice>> notices_for_org(const std::string& org);
  Result<int64_t> count_rows(const std::string& table);

  // Open cases' active steps held by or assigned to `org` ("" = any org),
  // optionally only those whose party's due date is before `due_before`
  // (YYYY-MM-DD), soonest holder deadline first.
  Result<std::vector<ActiveStep>> active_steps(const std::string& org,
                                               const std::string& due_before);

  // Idempotency keys: reserve (false when the key is already taken), record
  // the answer, or release the key when the request failed transiently.
  Result<std::optional<StoredAnswer>> find_answer(const std::string& key);
  Result<bool> reserve_answer(const std::string& key, const std::string& request_hash, Instant at);
  Status record_answer(const std::string& key, int status, const std::string& content_type,
                       const std::string& body);
  Status forget_answer(const std::string& key);
  // Releases reservations whose request never committed (status 0): run at
  // start, when no request can still be in flight. Returns how many.
  Result<int64_t> release_abandoned_answers();

  // Notices addressed to `orgs` not yet delivered to their webhook, oldest
  // first; and the mark that one was.
  Result<std::vector<Notice>> undelivered_notices(const std::vector<std::string>& orgs,
                                                  size_t limit);
  Status mark_delivered(const std::string& notice_id, Instant at);
  // Notices not yet delivered to a webhook (the outbox's backlog).
  Result<int64_t> count_undelivered_notices();

  // Accounts (adapters/store/account_store.cc). Each write takes the audit
  // entries that record it, committed in the same transaction.
  // "account_exists" when the name is taken.
  Status insert_account(const Account& account, Instant created_at,
                        const std::vector<AuditEntry>& audit);
  Result<std::optional<StoredAccount>> find_account(const std::string& name);
  // The accounts of `org`'s subtree is what an administrator lists; this
  // returns those of the given orgs, by name.
  Result<std::vector<StoredAccount>> accounts_of(const std::vector<std::string>& orgs);
  Status set_password(const std::string& name, const std::string& password_hash, Date changed,
                      const std::vector<AuditEntry>& audit);
  // Every unsealed account's seal instant: the accounts' deadline index.
  Result<std::vector<PendingWake>> account_wakes();

  // Tokens: `token_hash` is the SHA-256 of the bearer token.
  Status insert_token(const TokenRecord& token, const std::string& token_hash,
                      const std::vector<AuditEntry>& audit);
  Result<std::optional<TokenRecord>> find_token(const std::string& token_hash);
  Result<std::optional<TokenRecord>> find_token_by_id(const std::string& id);
  Status revoke_token(const std::string& id, Instant at, const std::vector<AuditEntry>& audit);

  // The audit trail (adapters/store/audit_store.cc): entries appended in a
  // transaction of their own, the whole trail in order, and its head.
  Status append_audit(const std::vector<AuditEntry>& entries);
  Result<std::vector<AuditEntry>> load_audit();
  Result<AuditHead> audit_head();

  DatabaseUrl::Backend backend() const { return url_.backend; }
  // A connection setting as the server reports it (PostgreSQL's
  // current_setting, SQLite's PRAGMA): what this connection really runs
  // with.
  Result<std::string> server_setting(const std::string& name);

 private:
  Store(DatabaseUrl url, std::unique_ptr<soci::session> session);
  // The PostgreSQL statement for `query`, prepared on first use.
  ArrayStatement& array_statement(const std::string& query, size_t columns);

  struct CaseLoader;

  DatabaseUrl url_;
  std::unique_ptr<soci::session> sql_;
  std::unique_ptr<CaseLoader> case_loader_;
  std::map<std::string, std::unique_ptr<ArrayStatement>> array_statements_;
};

}  // namespace xueji::store
