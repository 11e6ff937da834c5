#include "actors/expiry_sweep.h"

#include <utility>

namespace xueji {

ExpirySweep::ExpirySweep(Forget forget, std::function<Instant()> now, int keep_days)
    : forget_(std::move(forget)), now_(std::move(now)), keep_days_(keep_days < 1 ? 1 : keep_days) {}

ExpirySweep::~ExpirySweep() { repeating_.stop(); }

Result<int64_t> ExpirySweep::sweep() {
  const Instant before = now_().plus_seconds(-int64_t{86'400} * keep_days_);
  int64_t forgotten = 0;
  for (;;) {
    auto batch = forget_(before, kBatch);
    if (!batch) return batch.error();
    forgotten += *batch;
    if (*batch < kBatch) return forgotten;
    if (repeating_.stopping()) return forgotten;  // the rest at the next start's sweep
  }
}

void ExpirySweep::start(int seconds, std::function<void(const Result<int64_t>&)> report) {
  repeating_.start(seconds, Repeating::First::at_start, [this, report = std::move(report)] {
    const Result<int64_t> swept = sweep();
    if (!swept || *swept > 0) report(swept);
  });
}

}  // namespace xueji
