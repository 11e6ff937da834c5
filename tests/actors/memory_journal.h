#pragma once
// The journal in memory, for the actor tests: the same contract as the SQL
// journal (tests/journal/journal_contract_test.cc runs one suite on all
// three), so actors can be tested in milliseconds without a database.
// Several MemoryJournals made by one factory share one storage, as several
// connections share one database.
//
// Besides the contract, it lets a test watch and steer the writes: every
// committed batch is recorded, a commit can be held at a gate until the
// test opens it, and predicates can make batches fail or lose their answer.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "actors/port/journal.h"

namespace xueji::test {

class MemoryStorage {
 public:
  // A factory of journals on this storage.
  static JournalFactory factory(std::shared_ptr<MemoryStorage> storage);

  // Batches refused from now on: a batch holding any transition for which
  // `fail` says true fails whole, with "store_failed".
  void fail_when(std::function<bool(const Transition&)> fail);
  // Answers lost from now on: a batch holding any transition for which
  // `lose` says true is committed whole, and its commit answers
  // "outcome_unknown" (a connection gone right after COMMIT).
  void lose_answer_when(std::function<bool(const Transition&)> lose);
  // From now on every load of cases throws, as a fault of the code in a
  // journal would (a fault the SQL journals turn into errors).
  void throw_on_case_loads();
  // While set, every listing of a record's open cases fails with
  // "store_failed", as a lost connection would.
  void fail_open_case_lists(bool fail);
  // Holds every commit until open_gate() (the writer's thread waits in
  // commit, while transitions queue behind it).
  void close_gate();
  void open_gate();
  // Waits until a commit is waiting at the closed gate.
  void wait_for_commit_at_gate();
  // Whether `commits` are waiting at the closed gate at once within
  // `within`.
  bool commits_at_gate(int commits, std::chrono::milliseconds within);
  // Journals made from now on take commits side by side, as PostgreSQL's
  // do (Journal::commits_side_by_side); by default one at a time, as
  // SQLite's.
  void commit_side_by_side();
  // From now on every commit throws, as a fault of the journal's code.
  void throw_on_commits();
  // Holds every load of cases until open_load_gate() (the directory's
  // reader waits in load_cases), and waits until one is held.
  void close_load_gate();
  void open_load_gate();
  void wait_for_load_at_gate();

  // What was committed, batch by batch, in order.
  std::vector<std::vector<Transition>> committed_batches();
  // The events of a case as committed, in order.
  std::vector<EventRow> events_of(const std::string& case_id);
  std::vector<AuditEntry> audit_trail();
  // How many case ids load_cases was asked for so far.
  size_t case_loads();

 private:
  friend class MemoryJournal;
  Status commit(const std::vector<Transition>& batch);
  Status apply(const std::vector<Transition>& batch);

  struct StoredCase {
    CaseRow row;
    std::map<int64_t, EventRow> events;  // by number
  };
  std::mutex mutex_;
  // A gate holds every commit, or every load of cases, while closed.
  struct Gate {
    bool closed = false;
    int held = 0;  // callers waiting at it
  };
  void close(Gate& gate);
  void open(Gate& gate);
  // Whether `count` callers wait at `gate` at once within `within`.
  bool held_at(Gate& gate, int count, std::chrono::milliseconds within);
  // Called under `lock`: waits while `gate` is closed.
  void pass(Gate& gate, std::unique_lock<std::mutex>& lock);
  std::condition_variable gate_changed_;
  Gate commit_gate_;
  Gate load_gate_;
  std::function<bool(const Transition&)> fail_;
  std::function<bool(const Transition&)> lose_;
  bool throw_on_case_loads_ = false;
  bool fail_open_case_lists_ = false;
  bool throw_on_commits_ = false;
  bool side_by_side_ = false;
  std::map<std::string, StoredCase> cases_;
  std::set<std::string> notice_ids_;
  std::map<std::string, StoredStudent> students_;
  std::map<std::string, std::vector<HistoryEntry>> history_;  // by number, oldest first
  std::set<std::string> issued_numbers_;                      // every L and J number handed out
  std::map<std::string, std::string> retired_;                // an L number -> its G number
  // The number `number` names now: its G number once retired.
  std::string current_number(const std::string& number) const;
  std::map<std::string, StoredAccount> accounts_;
  std::map<std::string, TokenRecord> tokens_;
  std::map<std::string, RecordedAnswer> answers_;
  std::map<std::string, RunProgress> runs_;
  std::map<std::string, ArchiveDuty> archive_duties_;  // owed, by case id (Art. 6, 7)
  std::map<std::string, OwedFollowUp> follow_ups_;     // owed, by id (Art. 12, 16, 17)
  std::set<int> schedule_years_;                       // migrations/0026
  std::set<std::string> progress_codes_;               // hashes (Art. 15, migrations/0012)
  SchoolSuccessors successors_;                        // Art. 12: as the orgs table's
  std::vector<AuditEntry> audit_;
  std::vector<std::vector<Transition>> batches_;
  size_t case_loads_ = 0;
};

class MemoryJournal final : public Journal {
 public:
  explicit MemoryJournal(std::shared_ptr<MemoryStorage> storage)
      : storage_(std::move(storage)), side_by_side_(storage_->side_by_side_) {}
  Status commit(const std::vector<Transition>& batch) override;
  bool commits_side_by_side() const override { return side_by_side_; }
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
      const std::optional<ArchiveDuty>& after, size_t limit) override;
  Result<std::vector<OwedFollowUp>> owed_follow_ups() override;
  Result<std::vector<int>> schedule_years() override;
  Result<std::vector<HistoryEntry>> student_history(const std::string& number) override;
  Result<RunProgress> run_batch(const StudentRun& run) override;
  Result<BacklogTally> count_backlog() override;

 private:
  std::shared_ptr<MemoryStorage> storage_;
  bool side_by_side_;
};

}  // namespace xueji::test
