// Queries per second of the working-day calendar, on the shipped schedules.
// Run: build/calendar_bench (or scripts/bench.sh). The aim is 10 million
// add_working_days() per second on one core.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <random>

#include "engine/calendar/calendar_loader.h"

namespace {

const xueji::CalendarSet& calendars() {
  static const xueji::CalendarSet set = [] {
    auto loaded = xueji::load_calendars(std::string(XUEJI_SOURCE_DIR) + "/config/calendars");
    if (!loaded) {
      std::cerr << loaded.error().message << "\n";
      std::exit(1);
    }
    return std::move(*loaded);
  }();
  return set;
}

std::vector<std::pair<xueji::Date, int32_t>> queries() {
  std::mt19937 rng(2025);
  const int32_t start = xueji::days_from_civil(2025, 1, 1);
  std::uniform_int_distribution<int32_t> day(0, 729);
  std::uniform_int_distribution<int32_t> n(0, 60);
  std::vector<std::pair<xueji::Date, int32_t>> out(4096);
  for (auto& q : out) q = {xueji::Date::from_days(start + day(rng)), n(rng)};
  return out;
}

void BM_add_working_days(benchmark::State& state) {
  const auto& cal = **calendars().for_province("450000");
  const auto qs = queries();
  size_t i = 0;
  for (auto _ : state) {
    const auto& [d, n] = qs[i++ & 4095];
    benchmark::DoNotOptimize(cal.add_working_days(d, n));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_add_working_days);

void BM_working_days_between(benchmark::State& state) {
  const auto& cal = calendars().national();
  const auto qs = queries();
  size_t i = 0;
  for (auto _ : state) {
    const auto& [d, n] = qs[i++ & 4095];
    benchmark::DoNotOptimize(cal.working_days_between(d, d.plus_days(n)));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_working_days_between);

void BM_is_working_day(benchmark::State& state) {
  const auto& cal = calendars().national();
  const auto qs = queries();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.is_working_day(qs[i++ & 4095].first));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_is_working_day);

}  // namespace

BENCHMARK_MAIN();
