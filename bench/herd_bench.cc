// A busy midnight on PostgreSQL: CASES transfers opened at one hour, so
// their reminders pass at one instant and their deadlines at another, then
// the virtual clock advanced past each. Prints how long each herd took to
// be durable (Runtime::advance returns once every fired timer's transition
// has committed) beside the rate at which the same engine opened the cases
// with 64 requests in flight: the limit the herd is measured against.
//
//   herd_bench DATABASE_URL CASES
// prints: cases=N open_rate=R reminders=N reminder_seconds=S deadlines=N
//         deadline_seconds=S herd_rate=R largest_batch=B resident=N
//         passivated=N sweep_seconds=S

#include <chrono>
#include <cstdio>
#include <thread>

#include "bench/bench_engine.h"
#include "bench/open_transfers.h"

using namespace xueji;

namespace {

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

int main(int argc, char** argv) {
  auto started = bench::start_bench_engine(argc, argv, "herd_bench", "2025-09-26T10:00:00+08:00");
  if (!started) return 2;
  Runtime& e = *started->runtime;
  const long long cases = started->cases;
  const bench::Opened opening = bench::open_transfers(e, cases, "herd");
  const double open_seconds = opening.seconds;
  const RuntimeStats opened = e.stats();

  // The reminders' instant (one working day before the deadline), then the
  // deadlines' (24:00 Beijing time).
  const auto reminders_started = std::chrono::steady_clock::now();
  auto reminders = e.advance(*Instant::parse("2025-10-16T00:00:00+08:00"));
  const double reminder_seconds = seconds_since(reminders_started);
  const auto deadlines_started = std::chrono::steady_clock::now();
  auto deadlines = e.advance(*Instant::parse("2025-10-17T00:00:00+08:00"));
  const double deadline_seconds = seconds_since(deadlines_started);
  if (!reminders || !deadlines) {
    std::fprintf(stderr, "advance failed\n");
    return 1;
  }
  const RuntimeStats after = e.stats();
  // The idle sweep that follows a herd: every case it woke put back to
  // sleep (two sweeps: the first marks them idle). Each passivation once
  // cost a walk of the directory's list of links, N^2/2 steps in all.
  // Timed until the actors have left, not only been told to.
  const auto sweep_started = std::chrono::steady_clock::now();
  e.sweep();
  e.sweep();
  RuntimeStats swept = e.stats();
  while (swept.actors_running + after.cases.resident > after.actors_running &&
         seconds_since(sweep_started) < 600) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    swept = e.stats();
  }
  const double sweep_seconds = seconds_since(sweep_started);
  std::printf(
      "cases=%lld open_rate=%.0f reminders=%zu reminder_seconds=%.2f deadlines=%zu "
      "deadline_seconds=%.2f herd_rate=%.0f herd_commits=%lld largest_batch=%lld failures=%lld "
      "resident=%zu passivated=%zu sweep_seconds=%.2f\n",
      cases, static_cast<double>(cases) / open_seconds, *reminders, reminder_seconds, *deadlines,
      deadline_seconds, static_cast<double>(*deadlines) / deadline_seconds,
      static_cast<long long>(after.commits - opened.commits),
      static_cast<long long>(after.largest_batch), opening.failures, after.cases.resident,
      swept.cases.passivated - after.cases.passivated, sweep_seconds);
  return opening.failures == 0 && *deadlines == static_cast<size_t>(cases) ? 0 : 1;
}
