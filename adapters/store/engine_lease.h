#pragma once
// The engine lease of a hot standby pair (migrations/0019_engine_lease.sql,
// docs/operations.md "A hot standby"): which `xueji serve` runs the engine
// on a PostgreSQL store shared by two. Times are the database's clock
// (now()), never the hosts', so two hosts' clocks need not agree.

#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "adapters/store/database.h"

namespace soci {
class session;
}

namespace xueji::store {

// What the holder's commit batches are fenced with: the holder's id and
// the epoch it took the lease at. `lost` is set by whoever learns first
// that the lease is gone (a renewal, a commit's check); from then on the
// journal refuses every batch without asking the database.
struct LeaseFence {
  std::string holder;
  std::atomic<int64_t> epoch{0};
  std::atomic<bool> lost{false};
};

// Thrown inside a commit's transaction when the lease is no longer the
// fence's: the transaction rolls back, nothing of the batch is written.
class LeaseLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The lease row as a standby sees it.
struct LeaseRow {
  std::string holder;
  std::string address;  // the holder's advertised address
  int64_t epoch = 0;
  bool live = false;  // unexpired by the database's clock
  // The epoch's holder marks the case rows it writes (migration 0022), so
  // a standby's warm deadline index can follow it (warm_deadlines.h).
  bool marked = false;
};

// Inside the commit's transaction, first: locks the lease row FOR SHARE
// if `fence` still holds it unexpired, else throws LeaseLost. The share
// lock makes a takeover (an UPDATE of the row) wait for the batch to
// commit, and a batch that starts after a takeover see it: no batch of an
// old epoch commits after a new epoch began.
void check_lease(soci::session& sql, const LeaseFence& fence);

// Takes the lease if it has expired: the next epoch, `ttl_ms` from now,
// recorded as one whose holder marks its case rows (LeaseRow::marked).
// The epoch taken, or none when another holds it unexpired.
Result<std::optional<int64_t>> take_lease(Connection& connection, const std::string& holder,
                                          const std::string& address, int ttl_ms);

// Extends the lease `ttl_ms` from now if `holder` still holds it at
// `epoch` unexpired; false when it does not (lost: stop writing).
Result<bool> renew_lease(Connection& connection, const std::string& holder, int64_t epoch,
                         int ttl_ms);

// Lets the lease go at once (a clean stop): the standby need not wait out
// its time to live.
Status release_lease(Connection& connection, const std::string& holder, int64_t epoch);

Result<LeaseRow> read_lease(Connection& connection);

}  // namespace xueji::store
