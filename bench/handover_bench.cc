// A school merging on a busy server (issue 16, Art. 12): CASES transfers
// out of 4501020001 are open when it merges into 4501020002, and the
// hand-over gives each case's sending-school step to the successor, one
// transition and notice per case (adapters/http/school_hand_over_run.h).
// Prints how long the hand-over took, durable (run_school_hand_over
// returns once every case has answered), beside the rate at which the
// same engine opened them with 64 requests in flight: the limit it is
// measured against.
//
//   handover_bench DATABASE_URL CASES
// prints: cases=N open_rate=R handed_over=N handover_seconds=S
//         handover_rate=R commits=N failures=N

#include <chrono>
#include <cstdio>

#include "adapters/http/school_hand_over_run.h"
#include "adapters/store/connection_pool.h"
#include "bench/bench_engine.h"
#include "bench/open_transfers.h"
#include "engine/org/org_change.h"

using namespace xueji;

int main(int argc, char** argv) {
  auto started =
      bench::start_bench_engine(argc, argv, "handover_bench", "2026-03-02T10:00:00+08:00");
  if (!started) return 2;
  Runtime& e = *started->runtime;
  const long long cases = started->cases;
  const bench::Opened opening = bench::open_transfers(e, cases, "handover");

  // The merger, recorded and in force as POST /v1/org-changes makes it.
  OrgChange merge;
  merge.kind = OrgChangeKind::merge;
  merge.school = "4501020001";
  merge.successor = "4501020002";
  auto tree = apply_org_change(e.data()->orgs, merge);
  if (!tree) {
    std::fprintf(stderr, "%s\n", tree.error().message.c_str());
    return 1;
  }
  Transition recorded;
  recorded.records.org_changes.push_back(
      OrgChangeRecord{merge, e.data()->clock->now(), "handover_bench", "两校撤并"});
  if (Status ok = e.commit(std::move(recorded)); !ok) {
    std::fprintf(stderr, "%s\n", ok.error().message.c_str());
    return 1;
  }
  e.update_domain([&](const Domain& in_force) {
    auto after = std::make_shared<Domain>(in_force);
    after->orgs = std::move(*tree);
    return std::shared_ptr<const Domain>(std::move(after));
  });
  auto pool = store::ConnectionPool::open(argv[1], 2);
  if (!pool) {
    std::fprintf(stderr, "%s\n", pool.error().message.c_str());
    return 1;
  }
  store::OrgChangeStore changes(*pool);
  store::RunStore runs(*pool);
  auto stored = changes.last_change_of(merge.school);
  if (!stored || !*stored) {
    std::fprintf(stderr, "the merger was not read back\n");
    return 1;
  }
  const RuntimeStats before = e.stats();
  const auto handing = std::chrono::steady_clock::now();
  auto done = http::run_school_hand_over(e, changes, runs, **stored);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - handing).count();
  if (!done) {
    std::fprintf(stderr, "%s\n", done.error().message.c_str());
    return 1;
  }
  const RuntimeStats after = e.stats();
  std::printf(
      "cases=%lld open_rate=%.0f handed_over=%zu handover_seconds=%.2f handover_rate=%.0f "
      "commits=%lld failures=%lld\n",
      cases, static_cast<double>(cases) / opening.seconds, done->cases_handed_over, seconds,
      static_cast<double>(done->cases_handed_over) / seconds,
      static_cast<long long>(after.commits - before.commits), opening.failures);
  return opening.failures == 0 && done->cases_handed_over == static_cast<size_t>(cases) ? 0 : 1;
}
