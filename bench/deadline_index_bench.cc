// The deadline index as a start fills it (issue 17: ten million open
// cases ready within 20 s): N timers handed over as the store streams them
// (ids as bench/restart_rows.sql writes them, 'C' and 16 hex digits; 90
// instants at 24:00 Beijing, soonest first, ties by id), then every one
// popped, as the days pass. Beside it, the limit: the same timers kept as a
// list of wakes, what the start held before it streamed.
//
//   deadline_index_bench [N] [list]      (default 1,000,000; `list`: the limit)
//
// Prints nanoseconds and RSS bytes per timer; one of the two per process,
// so neither reuses what the other freed.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "actors/deadline_index.h"
#include "bench/resident_bytes.h"

using namespace xueji;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The i-th of n timers in the store's order: 90 days, each day's ids
// ascending, as restart_rows.sql's g % 90 and ORDER BY next_instant, id.
PendingWake wake(long long i, long long n) {
  const long long per_day = (n + 89) / 90;
  const long long day = i / per_day;
  long long g = (i % per_day) * 90 + day + 1;
  std::string id(17, 'C');
  for (int digit = 16; digit > 0; --digit, g >>= 4) id[digit] = "0123456789abcdef"[g & 15];
  return PendingWake{std::move(id), Instant::from_unix_seconds(1798732800 + day * 86400)};
}

}  // namespace

int main(int argc, char** argv) {
  const long long n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  if (argc > 2 && std::string(argv[2]) == "list") {
    const long long before = bench::rss_bytes();
    const auto started = std::chrono::steady_clock::now();
    std::vector<PendingWake> list;
    for (long long i = 0; i < n; ++i) list.push_back(wake(i, n));
    const double took = seconds_since(started);
    std::printf("limit: a list of the wakes  fill_ns_per_timer=%.0f bytes_per_timer=%lld\n",
                took * 1e9 / n, (bench::rss_bytes() - before) / n);
    return list.size() == static_cast<size_t>(n) ? 0 : 3;
  }
  const long long before = bench::rss_bytes();
  auto started = std::chrono::steady_clock::now();
  DeadlineIndex index;
  for (long long i = 0; i < n; ++i) index.add(wake(i, n));
  const double filled = seconds_since(started);
  const long long bytes = bench::rss_bytes() - before;
  if (index.size() != static_cast<size_t>(n)) return 3;
  started = std::chrono::steady_clock::now();
  Instant last;
  for (long long i = 0; i < n; ++i) {
    const DeadlineIndex::Taken taken = index.pop();
    if (taken.at < last) return 4;  // out of order
    last = taken.at;
  }
  const double popped = seconds_since(started);
  if (index.size() != 0 || index.next()) return 5;
  std::printf(
      "deadline index: %lld timers  fill_ns_per_timer=%.0f bytes_per_timer=%lld "
      "pop_ns_per_timer=%.0f\n",
      n, filled * 1e9 / n, bytes / n, popped * 1e9 / n);
  return 0;
}
