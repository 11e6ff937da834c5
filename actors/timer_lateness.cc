#include "actors/timer_lateness.h"

#include <algorithm>

namespace xueji {

void TimerLateness::record(const std::string& kind, double seconds) {
  seconds = std::max(0.0, seconds);
  const auto bucket =
      static_cast<size_t>(std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
  std::lock_guard<std::mutex> lock(mutex_);
  Figures& figures = by_kind_[kind];
  figures.buckets[bucket] += 1;
  figures.count += 1;
  figures.sum_seconds += seconds;
}

std::map<std::string, TimerLateness::Figures> TimerLateness::read() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return by_kind_;
}

}  // namespace xueji
