#pragma once
// Rows forgotten once older than the operator keeps them: the answers
// kept under Idempotency-Keys (`idempotency_keep_days`, docs/reliability.md:
// a national deployment's table grows by tens of millions of rows a term,
// and a caller retries within minutes or days, not years) and the tokens
// whose use ended (`token_keep_days`, docs/accounts.md: every sign-in
// writes one).
//
// A sweep deletes the oldest first, in batches of their own transactions,
// through an index of their age (store/aged_rows.h). Ages count on the
// engine's clock, which the rows are stamped with (simulated in tests).

#include <cstdint>
#include <functional>

#include "actors/repeating.h"
#include "engine/core/instant.h"
#include "engine/core/result.h"

namespace xueji {

class ExpirySweep {
 public:
  static constexpr int kBatch = 10'000;  // rows deleted per transaction

  // Deletes up to `batch` of the oldest rows older than `before` (with
  // those as old as the last of them): how many, or why none.
  using Forget = std::function<Result<int64_t>(Instant before, int batch)>;

  // Forgets through `forget` what is older than `keep_days` (at least 1)
  // before `now()`.
  ExpirySweep(Forget forget, std::function<Instant()> now, int keep_days);
  // Stops the thread, if any, once its batch is done.
  ~ExpirySweep();
  ExpirySweep(const ExpirySweep&) = delete;
  ExpirySweep& operator=(const ExpirySweep&) = delete;

  // One sweep on the calling thread, batch after batch until one is short:
  // how many rows it forgot, or its first failure (the batches before it
  // stay done).
  Result<int64_t> sweep();

  // A thread sweeping now and every `seconds` (real time) after; `report`
  // hears of each sweep that forgot anything or failed.
  void start(int seconds, std::function<void(const Result<int64_t>&)> report);

 private:
  Forget forget_;
  std::function<Instant()> now_;
  int keep_days_;
  Repeating repeating_;
};

}  // namespace xueji
