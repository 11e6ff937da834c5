#pragma once
// Idempotency keys: a POST made with an Idempotency-Key reserves the key
// before it runs, so a concurrent retry waits or is told the first is
// still running, and a retry after it gets exactly the first answer. The
// answer of a change is written with the change itself (through the
// journal, Transition::answer); the reservation is a lock, not a record,
// and is taken here directly; in a hot standby pair, fenced by the engine
// lease as the journal's batches are (fence_with).
#include <memory>
#include <optional>
#include <string>

#include "adapters/store/aged_rows.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/engine_lease.h"
#include "engine/core/instant.h"

namespace xueji::store {

// The first answer to a POST made with an Idempotency-Key (status 0 while
// the first request is still being answered).
struct StoredAnswer {
  std::string request_hash;
  int status = 0;
  std::string content_type;
  std::string body;
};

// The statement release_abandoned_answers runs: served by migration 0032's
// index of the keys still running.
extern const char* const kReleaseAbandonedAnswers;

// The answered keys, by when they were reserved: what
// forget_answers_created_before deletes, through migration 0036's index. A
// key still running (status 0) never ages out.
extern const AgedRows kAnsweredKeys;

class IdempotencyStore {
 public:
  explicit IdempotencyStore(std::shared_ptr<ConnectionPool> pool);

  // From now on each write (reserve, record, forget) checks `fence`'s lease
  // in its own transaction first (check_lease): a server that lost the
  // lease (paused past it, then resumed) leaves no key reserved or
  // answered behind its successor's back. It is refused "engine_unavailable"
  // with nothing written, and the fence marked lost.
  void fence_with(std::shared_ptr<LeaseFence> fence) { fence_ = std::move(fence); }

  Result<std::optional<StoredAnswer>> find_answer(const std::string& key);
  // False when the key is already taken.
  Result<bool> reserve_answer(const std::string& key, const std::string& request_hash, Instant at);
  // The answer of a request that changed nothing (a refusal): kept so a
  // retry gets the same. An answer already there (committed with a change)
  // is never replaced: false then.
  Result<bool> record_answer(const std::string& key, int status, const std::string& content_type,
                             const std::string& body);
  // Releases the key of a request that failed transiently; a key whose
  // answer is recorded stays.
  Status forget_answer(const std::string& key);
  // Releases reservations whose request never committed (status 0): run at
  // start, when no request can still be in flight. Returns how many.
  Result<int64_t> release_abandoned_answers();
  // Forgets the `batch` oldest answers whose key was reserved before
  // `before` (and those reserved in the same second as the last of them),
  // or all of them if fewer: a retry with such a key then runs afresh. A
  // key still running is kept whatever its age. Returns how many.
  Result<int64_t> forget_answers_created_before(Instant before, int batch);

 private:
  // `body(sql)` as one write, fenced if fence_with was called.
  template <typename T, typename Body>
  Result<T> write(const std::string& what, Body&& body);

  std::shared_ptr<ConnectionPool> pool_;
  std::shared_ptr<LeaseFence> fence_;
};

}  // namespace xueji::store
