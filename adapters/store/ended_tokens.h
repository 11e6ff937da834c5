#pragma once
// The tokens whose use has ended, revoked or expired, deleted once they
// ended longer ago than the operator keeps them (`token_keep_days`,
// docs/accounts.md). Every sign-in writes a token (session_minutes, 480 by
// default), so a national deployment's table grows by hundreds of millions
// of rows a year of which only a day's are of use. Kept a while after they
// end, a client that comes back with one still hears `token_expired` or
// that it was revoked; after that, `invalid_token`. Nothing of the trail
// is lost: the sign-in and the revocation are audit entries (Art. 24).

#include <memory>

#include "adapters/store/aged_rows.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/engine_lease.h"
#include "engine/core/instant.h"

namespace xueji::store {

// The tokens by when they ended: when revoked, else when they expire (a
// system token issued until revoked never ends while it is not).
// Migration 0037's index is on exactly this expression.
extern const AgedRows kEndedTokens;

class EndedTokens {
 public:
  explicit EndedTokens(std::shared_ptr<ConnectionPool> pool);

  // From now on each deletion checks `fence`'s lease first, as the
  // journal's batches do (fenced_write.h).
  void fence_with(std::shared_ptr<LeaseFence> fence) { fence_ = std::move(fence); }

  // Deletes the `batch` tokens that ended longest before `before` (with
  // those that ended in the same second as the last of them), or all of
  // them if fewer. Returns how many.
  Result<int64_t> forget_ended_before(Instant before, int batch);

 private:
  std::shared_ptr<ConnectionPool> pool_;
  std::shared_ptr<LeaseFence> fence_;
};

}  // namespace xueji::store
