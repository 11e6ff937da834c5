#pragma once
// How late the engine fires its timers: the instant a timer fired minus the
// instant it was due, as a histogram per kind of timer (reminder, deadline,
// term_end, account_seal). Every statutory deadline falls at 24:00 Beijing
// time, so a busy midnight shows here first. The scheduler records; /metrics
// reads; safe between threads.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace xueji {

class TimerLateness {
 public:
  // Upper bounds of the buckets, in seconds (a last +Inf bucket follows).
  static constexpr std::array<double, 10> bounds = {0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600};

  // One kind's figures: counts per bucket (bounds.size() + 1 of them, not
  // cumulative), how many and their sum.
  struct Figures {
    std::vector<long long> buckets = std::vector<long long>(bounds.size() + 1, 0);
    long long count = 0;
    double sum_seconds = 0;
  };

  // A timer of `kind` fired `seconds` after it was due (negative counts as 0).
  void record(const std::string& kind, double seconds);
  std::map<std::string, Figures> read() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Figures> by_kind_;
};

}  // namespace xueji
