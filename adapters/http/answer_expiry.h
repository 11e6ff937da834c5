#pragma once
// The answers kept under Idempotency-Keys, forgotten once older than the
// operator's `idempotency_keep_days` (docs/reliability.md). Every keyed
// POST keeps its answer, about a kilobyte, so a national deployment's
// table grows by tens of millions of rows a term; a caller retries within
// minutes or days, not years. Off by default (0): every answer is kept for
// ever, and a retry at any later time gets the first answer.
//
// A sweep deletes the oldest answers first, in batches of its own
// transactions, through migration 0036's index; a key whose request is
// still running, or was answered `outcome_unknown` and awaits its retry,
// is never forgotten. Ages count on the engine's clock, which a key's
// reservation is stamped with (simulated in tests).

#include <cstdint>
#include <functional>

#include "actors/repeating.h"
#include "adapters/store/idempotency_store.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"

namespace xueji::http {

class AnswerExpiry {
 public:
  static constexpr int kBatch = 10'000;  // keys deleted per transaction

  // Forgets what `answers` holds longer than `keep_days` (at least 1)
  // before `now()`.
  AnswerExpiry(store::IdempotencyStore& answers, std::function<Instant()> now, int keep_days);
  // Stops the thread, if any, once its batch is done.
  ~AnswerExpiry();
  AnswerExpiry(const AnswerExpiry&) = delete;
  AnswerExpiry& operator=(const AnswerExpiry&) = delete;

  // One sweep on the calling thread, batch after batch until one is short:
  // how many answers it forgot, or its first failure (the batches before
  // it stay done).
  Result<int64_t> sweep();

  // A thread sweeping now and every `seconds` (real time) after; `report`
  // hears of each sweep that forgot any answer or failed.
  void start(int seconds, std::function<void(const Result<int64_t>&)> report);

 private:
  store::IdempotencyStore& answers_;
  std::function<Instant()> now_;
  int keep_days_;
  Repeating repeating_;
};

}  // namespace xueji::http
