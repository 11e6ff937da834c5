#include "adapters/http/answer_expiry.h"

#include <utility>

namespace xueji::http {

AnswerExpiry::AnswerExpiry(store::IdempotencyStore& answers, std::function<Instant()> now,
                           int keep_days)
    : answers_(answers), now_(std::move(now)), keep_days_(keep_days < 1 ? 1 : keep_days) {}

AnswerExpiry::~AnswerExpiry() { repeating_.stop(); }

Result<int64_t> AnswerExpiry::sweep() {
  const Instant before = now_().plus_seconds(-int64_t{86'400} * keep_days_);
  int64_t forgotten = 0;
  for (;;) {
    auto batch = answers_.forget_answers_created_before(before, kBatch);
    if (!batch) return batch.error();
    forgotten += *batch;
    if (*batch < kBatch) return forgotten;
    if (repeating_.stopping()) return forgotten;  // the rest at the next start's sweep
  }
}

void AnswerExpiry::start(int seconds, std::function<void(const Result<int64_t>&)> report) {
  repeating_.start(seconds, Repeating::First::at_start, [this, report = std::move(report)] {
    const Result<int64_t> swept = sweep();
    if (!swept || *swept > 0) report(swept);
  });
}

}  // namespace xueji::http
