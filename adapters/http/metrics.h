#pragma once
// What /metrics shows, in Prometheus' text format (version 0.0.4), named by
// its conventions (base units, _total for counters): the answered requests,
// counted as they leave, and the engine's counters (actors/backlog_counts.h,
// the writer's and the scheduler's), read without touching the store, so a
// scrape costs the same at any size (issue 17).

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "actors/backlog_counts.h"
#include "actors/timer_lateness.h"

namespace xueji::http {

// Answered requests by status, and their latency per route (the route
// table's operation, e.g. "case.open", never the raw path, so the series
// stay few), method and status class ("2xx"); safe to share between the
// server's workers.
class RequestMetrics {
 public:
  void record(const std::string& route, const std::string& method, int status, double seconds);
  // The counter and the histogram, HELP and TYPE lines included.
  std::string render() const;

 private:
  struct Latency {
    std::vector<long long> buckets;  // per bound, not cumulative
    double sum_seconds = 0;
    long long count = 0;
  };
  mutable std::mutex mutex_;
  std::map<int, long long> by_status_;
  std::map<std::tuple<std::string, std::string, std::string>, Latency> by_route_;
};

// The engine's figures at the moment /metrics is asked.
struct EngineFigures {
  BacklogFigures backlog;
  int64_t commits = 0;
  int64_t transitions = 0;
  int64_t largest_batch = 0;
  // Commits by size, per WriterStats::kBatchSizeBounds, not cumulative.
  std::vector<int64_t> batch_sizes;
  // Commits by the seconds the store took, per
  // WriterStats::kCommitSecondsBounds, not cumulative; and their sum.
  std::vector<int64_t> commit_seconds;
  double commit_seconds_sum = 0;
  // How late the scheduler fired timers, per kind of timer.
  std::map<std::string, TimerLateness::Figures> lateness;
  // Cases a reload's background re-dating has still to hear from.
  int64_t redating_left = 0;
  // Case and account actors that failed and were dropped since start
  // (actors/directory.h, drop_failed).
  int64_t case_actors_failed = 0;
  int64_t account_actors_failed = 0;
  // Archive steps owed without their case at the sweep's last look; none
  // when no sweep runs or none has looked yet (not shown then).
  std::optional<int64_t> archive_steps_owed;
};

// The figures as gauges, counters and histograms, HELP and TYPE included,
// with xueji_engine_active 1: this server runs the engine.
std::string render(const EngineFigures& figures);

// What a hot standby pair's server that does not run the engine shows
// (standby_answer.h): xueji_engine_active 0 and why (`reason`: standby,
// lease_lost or taking_over), so that an alert can ask that exactly one
// server of the pair be active.
std::string render_not_active(const std::string& reason);

}  // namespace xueji::http
