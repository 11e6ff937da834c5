#include "adapters/store/ended_tokens.h"

#include <soci/soci.h>

#include <utility>

#include "adapters/store/fenced_write.h"

namespace xueji::store {

const AgedRows kEndedTokens{"tokens", "COALESCE(revoked_at, expires_at)", ""};

EndedTokens::EndedTokens(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<int64_t> EndedTokens::forget_ended_before(Instant before, int batch) {
  return fenced_write<int64_t>(
      *pool_, fence_.get(), "forget ended tokens", [&](soci::session& sql) {
        return forget_oldest(sql, kEndedTokens, before.unix_seconds(), batch);
      });
}

}  // namespace xueji::store
