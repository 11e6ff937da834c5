#pragma once
// What /metrics shows, in Prometheus' text format (version 0.0.4): the
// answered requests, counted as they leave, and figures of the store and
// the writer read when /metrics is asked.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "actors/timer_lateness.h"

namespace xueji::http {

// Answered requests by status and a latency histogram; safe to share
// between the server's workers.
class RequestMetrics {
 public:
  void record(int status, double seconds);
  // The counter and the histogram, HELP and TYPE lines included.
  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<int, long long> by_status_;
  // Counts per bound, sized by the first record(): until a request has
  // been answered the histogram shows only its +Inf bucket.
  std::vector<long long> buckets_;
  double sum_seconds_ = 0;
  long long count_ = 0;
};

// The backlog and the writer's work at the moment /metrics is asked.
struct EngineFigures {
  long long pending_cases = 0;    // open cases waiting on a party
  long long overdue_steps = 0;    // active steps past their party's deadline
  long long notices_waiting = 0;  // outbox notices no webhook has taken yet
  int64_t commits = 0;
  int64_t transitions = 0;
  int64_t largest_batch = 0;
  // How late the scheduler fired timers, per kind of timer.
  std::map<std::string, TimerLateness::Figures> lateness;
};

// The figures as gauges and counters, HELP and TYPE lines included.
std::string render(const EngineFigures& figures);

}  // namespace xueji::http
