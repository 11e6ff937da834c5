#include "adapters/http/answer_expiry.h"

#include <chrono>
#include <utility>

namespace xueji::http {

AnswerExpiry::AnswerExpiry(store::IdempotencyStore& answers, std::function<Instant()> now,
                           int keep_days)
    : answers_(answers), now_(std::move(now)), keep_days_(keep_days < 1 ? 1 : keep_days) {}

AnswerExpiry::~AnswerExpiry() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int64_t> AnswerExpiry::sweep() {
  const Instant before = now_().plus_seconds(-int64_t{86'400} * keep_days_);
  int64_t forgotten = 0;
  for (;;) {
    auto batch = answers_.forget_answers_created_before(before, kBatch);
    if (!batch) return batch.error();
    forgotten += *batch;
    if (*batch < kBatch) return forgotten;
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return forgotten;  // the rest at the next start's sweep
  }
}

void AnswerExpiry::start(int seconds, std::function<void(const Result<int64_t>&)> report) {
  thread_ = std::thread([this, seconds, report = std::move(report)] { loop(seconds, report); });
}

void AnswerExpiry::loop(int seconds, const std::function<void(const Result<int64_t>&)>& report) {
  for (;;) {
    const Result<int64_t> swept = sweep();
    if (!swept || *swept > 0) report(swept);
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, std::chrono::seconds(seconds), [this] { return stopping_; })) return;
  }
}

}  // namespace xueji::http
