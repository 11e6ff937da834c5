#include "tests/actors/memory_journal.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

#include "engine/case/case_snapshot.h"
#include "engine/case/student_effect.h"

namespace xueji::test {
namespace {

// A case that still acts on its record: a step waiting, or a term running.
bool is_live(const std::string& case_status) {
  return case_status == "open" || case_status == "in_term";
}

}  // namespace

JournalFactory MemoryStorage::factory(std::shared_ptr<MemoryStorage> storage) {
  return [storage]() -> Result<std::unique_ptr<Journal>> {
    return std::unique_ptr<Journal>(new MemoryJournal(storage));
  };
}

void MemoryStorage::fail_when(std::function<bool(const Transition&)> fail) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_ = std::move(fail);
}

void MemoryStorage::lose_answer_when(std::function<bool(const Transition&)> lose) {
  std::lock_guard<std::mutex> lock(mutex_);
  lose_ = std::move(lose);
}

void MemoryStorage::throw_on_case_loads() {
  std::lock_guard<std::mutex> lock(mutex_);
  throw_on_case_loads_ = true;
}

void MemoryStorage::fail_open_case_lists(bool fail) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_open_case_lists_ = fail;
}

void MemoryStorage::close(Gate& gate) {
  std::lock_guard<std::mutex> lock(mutex_);
  gate.closed = true;
}

void MemoryStorage::open(Gate& gate) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    gate.closed = false;
  }
  gate_changed_.notify_all();
}

bool MemoryStorage::held_at(Gate& gate, int count, std::chrono::milliseconds within) {
  std::unique_lock<std::mutex> lock(mutex_);
  return gate_changed_.wait_for(lock, within, [&] { return gate.held >= count; });
}

void MemoryStorage::pass(Gate& gate, std::unique_lock<std::mutex>& lock) {
  if (!gate.closed) return;
  ++gate.held;
  gate_changed_.notify_all();
  gate_changed_.wait(lock, [&] { return !gate.closed; });
  --gate.held;
}

void MemoryStorage::close_gate() { close(commit_gate_); }
void MemoryStorage::open_gate() { open(commit_gate_); }
void MemoryStorage::wait_for_commit_at_gate() { held_at(commit_gate_, 1, std::chrono::hours(24)); }
bool MemoryStorage::commits_at_gate(int commits, std::chrono::milliseconds within) {
  return held_at(commit_gate_, commits, within);
}
void MemoryStorage::close_load_gate() { close(load_gate_); }
void MemoryStorage::open_load_gate() { open(load_gate_); }
void MemoryStorage::wait_for_load_at_gate() { held_at(load_gate_, 1, std::chrono::hours(24)); }

void MemoryStorage::commit_side_by_side() {
  std::lock_guard<std::mutex> lock(mutex_);
  side_by_side_ = true;
}

void MemoryStorage::throw_on_commits() {
  std::lock_guard<std::mutex> lock(mutex_);
  throw_on_commits_ = true;
}

std::vector<std::vector<Transition>> MemoryStorage::committed_batches() {
  std::lock_guard<std::mutex> lock(mutex_);
  return batches_;
}

std::vector<EventRow> MemoryStorage::events_of(const std::string& case_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<EventRow> out;
  auto it = cases_.find(case_id);
  if (it == cases_.end()) return out;
  for (const auto& entry : it->second.events) out.push_back(entry.second);
  return out;
}

std::vector<AuditEntry> MemoryStorage::audit_trail() {
  std::lock_guard<std::mutex> lock(mutex_);
  return audit_;
}

size_t MemoryStorage::case_loads() {
  std::lock_guard<std::mutex> lock(mutex_);
  return case_loads_;
}

Status MemoryStorage::commit(const std::vector<Transition>& batch) {
  std::unique_lock<std::mutex> lock(mutex_);
  pass(commit_gate_, lock);
  if (throw_on_commits_) throw std::logic_error("a fault of the journal's code");
  if (batch.empty()) return Status();
  if (fail_) {
    for (const auto& t : batch) {
      if (fail_(t)) return make_error("store_failed", "commit: refused by the test");
    }
  }
  // All or nothing: apply to a copy of the tables, keep it only if whole.
  auto cases = cases_;
  auto notices = notice_ids_;
  auto students = students_;
  auto issued = issued_numbers_;
  auto retired = retired_;
  auto accounts = accounts_;
  auto tokens = tokens_;
  auto answers = answers_;
  auto audit = audit_;
  auto duties = archive_duties_;
  auto follow_ups = follow_ups_;
  auto years = schedule_years_;
  auto codes = progress_codes_;
  Status applied = apply(batch);
  if (!applied) {
    cases_ = std::move(cases);
    notice_ids_ = std::move(notices);
    students_ = std::move(students);
    issued_numbers_ = std::move(issued);
    retired_ = std::move(retired);
    accounts_ = std::move(accounts);
    tokens_ = std::move(tokens);
    answers_ = std::move(answers);
    audit_ = std::move(audit);
    archive_duties_ = std::move(duties);
    follow_ups_ = std::move(follow_ups);
    schedule_years_ = std::move(years);
    progress_codes_ = std::move(codes);
    return applied;
  }
  batches_.push_back(batch);
  if (lose_ && std::any_of(batch.begin(), batch.end(), lose_)) {
    return make_error("outcome_unknown", "no answer to COMMIT: lost by the test");
  }
  return Status();
}

// The SQL journal's constraints, checked the same way: an event number or a
// notice id taken, a registration number or account name taken, a student
// or account that does not exist.
Status MemoryStorage::apply(const std::vector<Transition>& batch) {
  for (const auto& t : batch) {
    const RecordWrites& r = t.records;
    for (const auto& s : r.registrations) {
      const char kind = s.registration_number.empty() ? 'G' : s.registration_number[0];
      if ((kind == 'L' || kind == 'J') && !issued_numbers_.insert(s.registration_number).second) {
        return make_error("store_failed", "commit: number " + s.registration_number + " issued");
      }
      if (!students_.emplace(s.registration_number, StoredStudent{s, 0}).second) {
        return make_error("store_failed", "commit: student " + s.registration_number + " exists");
      }
    }
    for (const auto& reopened : r.reopened) {
      auto it = students_.find(reopened.student.registration_number);
      if (it == students_.end() || it->second.student.status != reopened.was) {
        return make_error("student_changed",
                          "registration " + reopened.student.registration_number +
                              " is no longer " + std::string(to_string(reopened.was)));
      }
      it->second.student = reopened.student;
      it->second.version += 1;
    }
    for (const auto& renumbering : r.renumberings) {
      auto it = students_.find(renumbering.from);
      const std::string& to = renumbering.student.registration_number;
      if (it == students_.end() ||
          it->second.student.resident_id != renumbering.student.resident_id) {
        return make_error("student_changed", "registration " + renumbering.from +
                                                 " no longer exists: it was verified or changed");
      }
      if (students_.count(to) != 0 || retired_.count(renumbering.from) != 0) {
        return make_error("store_failed", "commit: student " + to + " exists");
      }
      StoredStudent moved = it->second;
      moved.student.registration_number = to;
      moved.version += 1;
      students_.erase(it);
      students_.emplace(to, std::move(moved));
      retired_.emplace(renumbering.from, to);
    }
    for (const auto& a : r.new_accounts) {
      StoredAccount stored{a.account, seal_due(a.account.last_used), a.created_at};
      if (!accounts_.emplace(a.account.name, stored).second) {
        return make_error("store_failed", "commit: account " + a.account.name + " exists");
      }
    }
    for (const auto& p : r.password_changes) {
      auto it = accounts_.find(p.name);
      if (it == accounts_.end()) continue;  // an UPDATE of no row
      it->second.account.password_hash = p.password_hash;
      it->second.account.password_changed = p.changed;
    }
    for (const auto& issued : r.issued_tokens) {
      if (accounts_.count(issued.token.account) == 0) {
        return make_error("store_failed", "commit: no account " + issued.token.account);
      }
      tokens_.emplace(issued.token.id, issued.token);
    }
    for (const auto& revoked : r.revoked_tokens) {
      auto it = tokens_.find(revoked.id);
      if (it != tokens_.end() && !it->second.revoked_at) it->second.revoked_at = revoked.at;
    }
    // The key on the code's hash (progress_code_rows.cc).
    for (const auto& code : r.progress_codes) {
      if (!progress_codes_.insert(code.code_hash).second) {
        return make_error("store_failed", "commit: progress code of " + code.case_id + " exists");
      }
    }
    // A grade correction's compare-and-set on the version (Art. 7).
    for (const auto& c : r.grade_corrections) {
      auto it = students_.find(c.registration_number);
      if (it == students_.end() || it->second.version != c.version ||
          it->second.student.grade != c.old_grade) {
        return make_error("student_changed", "registration " + c.registration_number +
                                                 " changed since its grade was read");
      }
      it->second.student.grade = c.new_grade;
      it->second.version += 1;
    }
    // Art. 12: as school_successors follows (store/org_change_rows.cc).
    for (const auto& record : r.org_changes) {
      const OrgChange& c = record.change;
      if (!hands_over(c.kind)) continue;
      for (auto& [school, successor] : successors_) {
        if (successor == c.school) successor = c.successor;
      }
      successors_[c.school] = c.successor;
    }
    // Art. 6, 7: settled first, as the SQL journal deletes before it inserts.
    for (const auto& id : r.archive_settled) archive_duties_.erase(id);
    for (const auto& duty : r.archive_owed) {
      if (!archive_duties_.emplace(duty.case_id, duty).second) {
        return make_error("store_failed", "commit: archive duty " + duty.case_id + " exists");
      }
    }
    // Art. 12, 16, 17: owed before settled, as the SQL journal writes them.
    for (const auto& owed : r.follow_ups_owed) {
      if (!follow_ups_.emplace(owed.id, owed).second) {
        return make_error("store_failed", "commit: owed follow-up " + owed.id + " exists");
      }
    }
    for (const auto& id : r.follow_ups_settled) follow_ups_.erase(id);
    schedule_years_.insert(r.schedule_years.begin(), r.schedule_years.end());
    for (const auto& change : t.account_changes) {
      auto it = accounts_.find(change.name);
      if (it == accounts_.end()) continue;
      it->second.account.last_used = change.last_used;
      it->second.account.sealed_at = change.sealed_at;
      it->second.seal_due = change.seal_due;
    }
    if (!t.case_id.empty()) {
      StoredCase& c = cases_[t.case_id];
      for (size_t i = 0; i < t.events.size(); ++i) {
        const int64_t seq = t.first_seq + static_cast<int64_t>(i);
        if (!c.events.emplace(seq, t.events[i]).second) {
          return make_error("store_failed", "commit: event " + std::to_string(seq) + " of case " +
                                                t.case_id + " is taken");
        }
      }
      c.row = t.row;
    }
    for (const auto& n : t.notices) {
      if (!notice_ids_.insert(n.id).second) {
        return make_error("store_failed", "commit: notice " + n.id + " exists");
      }
    }
    // The compare-and-set, as the SQL journal checks it in its transaction.
    for (const auto& change : t.student_changes) {
      auto it = students_.find(current_number(change.registration_number));
      if (it == students_.end()) continue;
      const Student before = it->second.student;
      if (Status fits = apply_student_change(it->second.student, change, successors_); !fits) {
        return fits;
      }
      it->second.version += 1;
      // Like the SQL journal (transition.h: history_rows()).
      for (auto& field : history_rows(before, it->second.student)) {
        history_[it->first].push_back(
            HistoryEntry{it->second.version, std::move(field), change.case_id, change.at});
      }
    }
    if (t.answer) answers_[t.answer->key] = *t.answer;
    for (const auto& entry : t.audit) {
      AuditEntry chained = chain_entry(entry, audit_.empty() ? nullptr : &audit_.back());
      audit_.push_back(std::move(chained));
    }
  }
  return Status();
}

std::string MemoryStorage::current_number(const std::string& number) const {
  auto it = retired_.find(number);
  return it == retired_.end() ? number : it->second;
}

Status MemoryJournal::commit(const std::vector<Transition>& batch) {
  return storage_->commit(batch);
}

Result<std::map<std::string, CaseState>> MemoryJournal::load_cases(
    const std::vector<std::string>& case_ids) {
  std::unique_lock<std::mutex> lock(storage_->mutex_);
  storage_->pass(storage_->load_gate_, lock);
  if (storage_->throw_on_case_loads_) throw std::logic_error("a fault of the journal's code");
  storage_->case_loads_ += case_ids.size();
  std::map<std::string, CaseState> out;
  for (const auto& id : case_ids) {
    auto it = storage_->cases_.find(id);
    if (it == storage_->cases_.end()) continue;
    // Through the snapshot, as the SQL journal reads it: what was encoded
    // is what comes back.
    auto state = decode_snapshot(it->second.row.snapshot);
    if (!state) return state.error();
    out.emplace(id, std::move(*state));
  }
  return out;
}

Result<std::map<std::string, StoredAccount>> MemoryJournal::load_accounts(
    const std::vector<std::string>& names) {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  std::map<std::string, StoredAccount> out;
  for (const auto& name : names) {
    auto it = storage_->accounts_.find(name);
    if (it != storage_->accounts_.end()) out.emplace(name, it->second);
  }
  return out;
}

Status MemoryJournal::each_wake(WakeIndex index, Instant from, Instant until,
                                const std::function<void(PendingWake&&)>& take) {
  std::unique_lock<std::mutex> lock(storage_->mutex_);
  std::vector<PendingWake> out;
  auto in_window = [&](Instant at) { return !(at < from) && at < until; };
  if (index == WakeIndex::cases) {
    for (const auto& [id, c] : storage_->cases_) {
      if (!c.row.next_instant) continue;
      const Instant at = Instant::from_unix_seconds(*c.row.next_instant);
      if (in_window(at)) out.push_back(PendingWake{id, at});
    }
  } else {
    for (const auto& [name, a] : storage_->accounts_) {
      if (a.seal_due && in_window(*a.seal_due)) out.push_back(PendingWake{name, *a.seal_due});
    }
  }
  std::sort(out.begin(), out.end(), [](const PendingWake& a, const PendingWake& b) {
    return a.at < b.at || (a.at == b.at && a.id < b.id);
  });
  lock.unlock();  // `take` may be slow; the order is fixed now
  for (auto& wake : out) take(std::move(wake));
  return Status();
}

Result<std::map<std::string, StoredStudent>> MemoryJournal::load_students(
    const std::vector<std::string>& numbers) {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  std::map<std::string, StoredStudent> out;
  for (const auto& number : numbers) {
    auto it = storage_->students_.find(number);
    if (it != storage_->students_.end()) out.emplace(number, it->second);
  }
  return out;
}

Result<std::vector<std::string>> MemoryJournal::open_cases(const std::string& subject) {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  if (storage_->fail_open_case_lists_) {
    return make_error("store_failed", "the open cases of " + subject + " could not be read");
  }
  std::vector<std::string> ids;
  // The record's every number, as the SQL journal: a retired L number and
  // the G number it became.
  const std::string record = storage_->current_number(subject);
  for (const auto& [id, c] : storage_->cases_) {
    if (is_live(c.row.status) && storage_->current_number(c.row.subject) == record) {
      ids.push_back(id);
    }
  }
  return ids;
}

Result<std::vector<std::string>> MemoryJournal::closed_with_open_cases() {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  std::set<std::string> numbers;
  for (const auto& [id, c] : storage_->cases_) {
    if (!is_live(c.row.status)) continue;
    auto it = storage_->students_.find(storage_->current_number(c.row.subject));
    if (it != storage_->students_.end() && is_closed(it->second.student.status)) {
      numbers.insert(c.row.subject);
    }
  }
  return std::vector<std::string>(numbers.begin(), numbers.end());
}

Result<std::vector<ArchiveDuty>> MemoryJournal::owed_archive_duties_after(
    const std::optional<ArchiveDuty>& after, size_t limit) {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  // Oldest first, then by case id, as the SQL journal pages them.
  auto position = [](const ArchiveDuty& d) { return std::tie(d.owed_since, d.case_id); };
  std::vector<ArchiveDuty> out;
  for (const auto& [id, duty] : storage_->archive_duties_) {
    if (after && !(position(*after) < position(duty))) continue;
    out.push_back(duty);
    out.back().subject = storage_->current_number(duty.subject);
  }
  std::sort(out.begin(), out.end(),
            [&](const ArchiveDuty& a, const ArchiveDuty& b) { return position(a) < position(b); });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<OwedFollowUp>> MemoryJournal::owed_follow_ups() {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  std::vector<OwedFollowUp> out;
  for (const auto& [id, owed] : storage_->follow_ups_) {
    out.push_back(owed);
    out.back().subject = storage_->current_number(owed.subject);
  }
  // Oldest first, ties by id, as the SQL journal orders them.
  std::stable_sort(out.begin(), out.end(), [](const OwedFollowUp& a, const OwedFollowUp& b) {
    return a.owed_since < b.owed_since;
  });
  return out;
}

Result<std::vector<int>> MemoryJournal::schedule_years() {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  return std::vector<int>(storage_->schedule_years_.begin(), storage_->schedule_years_.end());
}

Result<BacklogTally> MemoryJournal::count_backlog() {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  BacklogTally tally;
  for (const auto& [id, c] : storage_->cases_) {
    const CountedRow row = counted(c.row);
    if (!row.open) continue;
    tally.open_cases[c.row.kind] += 1;
    if (row.has_active_step) tally.active_steps_by_due[row.active_due] += 1;
  }
  // Nothing delivers from memory: every notice waits.
  tally.notices_waiting = static_cast<int64_t>(storage_->notice_ids_.size());
  return tally;
}

Result<RunProgress> MemoryJournal::run_batch(const StudentRun& run) {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  RunProgress& progress = storage_->runs_[run.id];
  if (progress.finished) return progress;
  std::set<std::string> with_live_case;
  for (const auto& [id, c] : storage_->cases_) {
    if (holds_back(run, c.row.kind, c.row.status)) {
      with_live_case.insert(storage_->current_number(c.row.subject));
    }
  }
  auto taken = [&](const Student& s) {
    return takes(run, s) && with_live_case.count(s.registration_number) == 0;
  };
  int in_batch = 0;
  auto& students = storage_->students_;
  for (auto it = students.upper_bound(progress.last_number);
       it != students.end() && in_batch < run.batch; ++it) {
    if (!taken(it->second.student)) continue;
    it->second.student.grade += run.grade_step;
    it->second.version += 1;
    if (run.to_status) {
      // As the SQL journal: the status replaced stays in the history.
      storage_->history_[it->first].push_back(
          HistoryEntry{it->second.version,
                       {"status", std::string(to_string(it->second.student.status)),
                        std::string(to_string(*run.to_status))},
                       run.id,
                       run.at});
      it->second.student.status = *run.to_status;
    }
    if (run.to_school) {
      storage_->history_[it->first].push_back(
          HistoryEntry{it->second.version,
                       {"school", it->second.student.school, *run.to_school},
                       run.id,
                       run.at});
      it->second.student.school = *run.to_school;
    }
    progress.last_number = it->first;
    progress.changed += 1;
    ++in_batch;
  }
  if (in_batch == 0) progress.finished = true;
  return progress;
}

Result<std::vector<HistoryEntry>> MemoryJournal::student_history(const std::string& number) {
  std::lock_guard<std::mutex> lock(storage_->mutex_);
  auto it = storage_->history_.find(storage_->current_number(number));
  if (it == storage_->history_.end()) return std::vector<HistoryEntry>();
  return it->second;
}

}  // namespace xueji::test
