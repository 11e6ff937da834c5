#include "actors/archive_duty_sweep.h"

#include <utility>

#include "actors/archive_opening.h"

namespace xueji {

ArchiveDutySweep::ArchiveDutySweep(Runtime& engine, JournalFactory journals)
    : engine_(engine), journals_(std::move(journals)) {}

ArchiveDutySweep::~ArchiveDutySweep() { repeating_.stop(); }

ArchiveDutySweep::Look ArchiveDutySweep::look() {
  if (!journal_) {
    auto opened = journals_();
    if (!opened) {
      Look out;
      out.status = opened.error();
      return out;
    }
    journal_ = std::move(*opened);
  }
  std::unordered_set<uint64_t> now_owed;
  const std::hash<std::string> key;
  // Left by a failed follow-up: its case may exist (the answer was lost,
  // not the commit), so each opening looks for it first, as at start.
  Look out = open_left_duties(engine_, *journal_, [&](const ArchiveDuty& duty) {
    const uint64_t id = key(duty.case_id);
    now_owed.insert(id);
    return seen_.count(id) > 0;  // else its follow-up may still be opening it
  });
  if (!out.status) {
    // A new connection at the next look; the duties not read this time
    // keep their place from the previous one.
    journal_.reset();
    seen_.insert(now_owed.begin(), now_owed.end());
    return out;
  }
  last_owed_.store(static_cast<int64_t>(out.owed));
  seen_ = std::move(now_owed);
  return out;
}

std::optional<size_t> ArchiveDutySweep::owed_at_last_look() const {
  const int64_t owed = last_owed_.load();
  if (owed < 0) return std::nullopt;
  return static_cast<size_t>(owed);
}

void ArchiveDutySweep::start(int seconds, std::function<void(const Look&)> report) {
  repeating_.start(seconds, Repeating::First::after_an_interval,
                   [this, report = std::move(report)] {
                     const Look done = look();
                     if (done.taken > 0 || !done.status) report(done);
                   });
}

}  // namespace xueji
