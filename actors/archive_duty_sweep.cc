#include "actors/archive_duty_sweep.h"

#include <chrono>
#include <utility>
#include <vector>

#include "actors/archive_opening.h"

namespace xueji {

ArchiveDutySweep::ArchiveDutySweep(Runtime& engine, JournalFactory journals)
    : engine_(engine), journals_(std::move(journals)) {}

ArchiveDutySweep::~ArchiveDutySweep() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

ArchiveDutySweep::Look ArchiveDutySweep::look() {
  Look out;
  if (!journal_) {
    auto opened = journals_();
    if (!opened) {
      out.status = opened.error();
      return out;
    }
    journal_ = std::move(*opened);
  }
  auto owed = journal_->owed_archive_duties();
  if (!owed) {
    journal_.reset();  // a new connection at the next look
    out.status = owed.error();
    return out;
  }
  out.owed = owed->size();
  last_owed_.store(static_cast<int64_t>(out.owed));
  std::set<std::string> now_owed;
  std::vector<ArchiveDuty> due;
  std::vector<std::string> subjects;
  for (auto& duty : *owed) {
    now_owed.insert(duty.case_id);
    if (seen_.count(duty.case_id) == 0) continue;  // its follow-up may still be opening it
    subjects.push_back(duty.subject);
    due.push_back(std::move(duty));
  }
  seen_ = std::move(now_owed);
  if (due.empty()) return out;
  auto records = journal_->load_students(subjects);
  if (!records) {
    journal_.reset();
    out.status = records.error();
    return out;
  }
  out.taken = due.size();
  // Left by a failed follow-up: its case may exist (the answer was lost,
  // not the commit), so each opening looks for it first, as at start.
  out.status = open_left_duties(engine_, due, *records);
  return out;
}

std::optional<size_t> ArchiveDutySweep::owed_at_last_look() const {
  const int64_t owed = last_owed_.load();
  if (owed < 0) return std::nullopt;
  return static_cast<size_t>(owed);
}

void ArchiveDutySweep::start(int seconds, std::function<void(const Look&)> report) {
  thread_ = std::thread([this, seconds, report = std::move(report)] { loop(seconds, report); });
}

void ArchiveDutySweep::loop(int seconds, const std::function<void(const Look&)>& report) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::seconds(seconds), [this] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    const Look done = look();
    if (done.taken > 0 || !done.status) report(done);
    lock.lock();
  }
}

}  // namespace xueji
