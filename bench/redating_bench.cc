// A year's holiday notice arriving at a busy server (issue 16): CASES
// transfers opened on Monday 21 December 2026, their sending schools' due
// dates counted into January 2027 on its provisional calendar (the national
// notice for 2027 is not in the data); then the rules and calendars are
// reloaded with a fixture notice for 2027 that makes Monday 4 January a
// holiday, so every case's step is counted again one day later (Art. 15:
// never earlier than told). Prints how long the reload took to re-date
// them, durable (reload_domain answers once every case has), beside the
// rate at which the same engine opened them with 64 requests in flight:
// the limit the re-dating is measured against.
//
//   redating_bench DATABASE_URL CASES
// prints: cases=N open_rate=R redated=N redate_seconds=S redate_rate=R
//         commits=N largest_batch=B failures=N

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "actors/domain_reload.h"
#include "bench/bench_engine.h"
#include "bench/open_transfers.h"

using namespace xueji;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  auto started =
      bench::start_bench_engine(argc, argv, "redating_bench", "2026-12-21T10:00:00+08:00");
  if (!started) return 2;
  Runtime& e = *started->runtime;
  const long long cases = started->cases;
  const bench::Opened opening = bench::open_transfers(e, cases, "redate");
  const RuntimeStats opened = e.stats();

  // The shipped calendars with a fixture notice for 2027 (no real one is
  // published yet): 元旦 bridged to Monday 4 January.
  const fs::path calendars =
      fs::temp_directory_path() / ("xueji-redating-" + std::to_string(getpid()));
  fs::remove_all(calendars);
  fs::copy(fs::path(XUEJI_SOURCE_DIR) / "config/calendars", calendars, fs::copy_options::recursive);
  std::ofstream(calendars / "national" / "2027.yaml")
      << "# A fixture for redating_bench, not the State Council's notice.\n"
      << "scope: national\nyear: 2027\nsource: redating_bench fixture\nholidays:\n"
      << "  - {name: 元旦 New Year, from: 2027-01-01, to: 2027-01-04, make_up: [2027-01-09]}\n";
  DomainPaths paths = DomainPaths::under(XUEJI_SOURCE_DIR);
  paths.calendars_dir = calendars.string();

  const auto reloading = std::chrono::steady_clock::now();
  auto reloaded = reload_domain(e, paths);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - reloading).count();
  fs::remove_all(calendars);
  if (!reloaded) {
    std::fprintf(stderr, "%s\n", reloaded.error().message.c_str());
    return 1;
  }
  const RuntimeStats after = e.stats();
  std::printf(
      "cases=%lld open_rate=%.0f redated=%zu redate_seconds=%.2f redate_rate=%.0f commits=%lld "
      "largest_batch=%lld failures=%lld\n",
      cases, static_cast<double>(cases) / opening.seconds, reloaded->redated, seconds,
      static_cast<double>(reloaded->redated) / seconds,
      static_cast<long long>(after.commits - opened.commits),
      static_cast<long long>(after.largest_batch), opening.failures);
  return opening.failures == 0 && reloaded->redated == static_cast<size_t>(cases) ? 0 : 1;
}
