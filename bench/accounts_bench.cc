// What accounts and the audit trail cost: one Argon2id hash at the shipped
// cost (each sign-in verifies one; the limit a guesser faces too), and
// verifying the audit trail's hash chain (what `xueji audit verify` does per
// entry, after reading it). Run: build/accounts_bench (or scripts/bench.sh).

#include <benchmark/benchmark.h>

#include "engine/account/password_hash.h"
#include "engine/audit/audit_chain.h"

namespace {

void BM_argon2id_default_cost(benchmark::State& state) {
  const xueji::Argon2Cost cost;  // 19 MiB, two passes: config/xueji.yaml's
  const auto hash = xueji::hash_password("Xueji-Demo-2025", "0123456789abcdef", cost);
  if (!hash) {
    state.SkipWithError("argon2id failed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(xueji::verify_password(*hash, "Xueji-Demo-2025"));
}
BENCHMARK(BM_argon2id_default_cost)->Unit(benchmark::kMillisecond);

void BM_verify_audit_chain(benchmark::State& state) {
  std::vector<xueji::AuditEntry> trail;
  const auto start = *xueji::Instant::parse("2025-09-26T09:00:00+08:00");
  for (int64_t i = 0; i < state.range(0); ++i) {
    auto e = xueji::audit_entry(start.plus_seconds(i), "reg.4501020001", "4501020001", "case.read",
                                "case:C" + std::to_string(i));
    trail.push_back(xueji::chain_entry(e, trail.empty() ? nullptr : &trail.back()));
  }
  for (auto _ : state) benchmark::DoNotOptimize(xueji::verify_chain(trail));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_verify_audit_chain)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
