#pragma once
// The journal (actors/port/journal.h) on PostgreSQL or SQLite: what the
// writer commits and the directories and the scheduler load. One
// SqlJournal is one connection; sql_journal_factory() makes one per actor
// that owns storage. The command-line tools write through it too, so every
// write of the store takes this one path.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/port/journal.h"
#include "adapters/store/audit_head_cache.h"
#include "adapters/store/database.h"
#include "adapters/store/engine_lease.h"

namespace xueji::store {

// The statement open_cases runs, bound :s, :g, :l to one number: the live
// cases of each number the record had (Art. 8), found by the live cases'
// index on subject.
extern const char* const kOpenCasesOfRecord;

class SqlJournal final : public Journal {
 public:
  static Result<std::unique_ptr<SqlJournal>> open(const std::string& url);
  ~SqlJournal() override;

  // Case rows, records, account changes and audit entries of the batch in
  // one transaction (on PostgreSQL a batch of case rows alone is one
  // statement, atomic by itself: one round trip).
  Status commit(const std::vector<Transition>& batch) override;
  // PostgreSQL's; SQLite takes one writer at a time.
  bool commits_side_by_side() const override { return connection_->postgresql(); }
  Result<std::map<std::string, CaseState>> load_cases(
      const std::vector<std::string>& case_ids) override;
  Result<std::map<std::string, StoredAccount>> load_accounts(
      const std::vector<std::string>& names) override;
  Status each_wake(WakeIndex index, Instant from, Instant until,
                   const std::function<void(PendingWake&&)>& take) override;
  Result<std::map<std::string, StoredStudent>> load_students(
      const std::vector<std::string>& numbers) override;
  Result<std::vector<std::string>> open_cases(const std::string& subject) override;
  Result<std::vector<std::string>> closed_with_open_cases() override;
  Result<std::vector<ArchiveDuty>> owed_archive_duties_after(
      const std::optional<ArchiveDuty>& after, size_t limit) override;  // archive_duty_rows.cc
  Result<std::vector<OwedFollowUp>> owed_follow_ups() override;         // follow_up_rows.cc
  Result<std::vector<int>> schedule_years() override;                   // schedule_year_rows.cc
  Result<std::vector<HistoryEntry>> student_history(const std::string& number) override;
  Result<RunProgress> run_batch(const StudentRun& run) override;
  Result<BacklogTally> count_backlog() override;  // backlog_rows.cc

  Connection& connection() { return *connection_; }

  // A hot standby pair's holder (engine_lease.h): every batch from now on
  // checks, in its own transaction, that `fence` still holds the lease,
  // and is refused ("engine_unavailable") with nothing written once not.
  void fence_with(std::shared_ptr<LeaseFence> fence) { fence_ = std::move(fence); }
  // The audit head this process's journals last left (audit_head_cache.h):
  // a batch on PostgreSQL chains its entries from it and moves the head in
  // one statement, without first reading the head under its lock.
  void share_audit_head(std::shared_ptr<AuditHeadCache> head) { audit_head_ = std::move(head); }

 private:
  explicit SqlJournal(std::unique_ptr<Connection> connection);
  // Up (Connection::revive), planning what follows as `plans` says: a
  // commit's statements by key, the reads with their values (a command
  // line's journal does both; the engine's writer only commits).
  Status ready(Connection::Plans plans);
  // `audit` chained from the head this process last left and written with
  // the head's move (append_audit_entries_from): the new head, or nothing
  // when the head is unknown or had moved, and nothing was written (the
  // cache then forgets it). Throws on a database error.
  std::optional<AuditEntry> append_audit_from_memory(const std::vector<AuditEntry>& audit);
  struct CaseLoader;
  std::unique_ptr<Connection> connection_;
  std::unique_ptr<CaseLoader> case_loader_;
  int loader_generation_ = -1;
  std::shared_ptr<LeaseFence> fence_;
  std::shared_ptr<AuditHeadCache> audit_head_;
};

// Opens a SqlJournal on `url` each time it is called, fenced with `fence`
// when there is one; the journals it opens share one AuditHeadCache.
JournalFactory sql_journal_factory(const std::string& url,
                                   std::shared_ptr<LeaseFence> fence = nullptr);

}  // namespace xueji::store
