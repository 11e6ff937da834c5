#pragma once
// A write made beside the journal (an Idempotency-Key's reservation, the
// deletion of rows that aged out), fenced by the engine lease as the
// journal's batches are: in a hot standby pair, a server that lost the
// lease (paused past it, then resumed) writes nothing behind its
// successor's back. Without a fence, the write runs as it is.

#include <soci/soci.h>

#include <string>

#include "adapters/store/connection_pool.h"
#include "adapters/store/engine_lease.h"

namespace xueji::store {

// `body(sql)` on a connection of `pool`. With a `fence`, in a transaction
// whose first statement checks the lease (check_lease): a lost lease is
// "engine_unavailable" naming `what`, with nothing written and the fence
// marked lost, and a fence already lost refuses without asking the store.
template <typename T, typename Body>
Result<T> fenced_write(ConnectionPool& pool, LeaseFence* fence, const std::string& what,
                       Body&& body) {
  if (!fence) return pool.run<T>(what, [&](Connection& c) { return body(c.sql()); });
  if (fence->lost) return make_error("engine_unavailable", "the engine lease is lost: " + what);
  std::string fenced;
  auto done = pool.run<T>(what, [&](Connection& c) -> T {
    soci::session& sql = c.sql();
    soci::transaction tr(sql);
    try {
      check_lease(sql, *fence);
    } catch (const LeaseLost& e) {
      fenced = e.what();  // rolled back as the transaction leaves scope
      return T();
    }
    T out = body(sql);
    tr.commit();
    return out;
  });
  if (!fenced.empty()) {
    fence->lost = true;
    return make_error("engine_unavailable", what + ": " + fenced);
  }
  return done;
}

}  // namespace xueji::store
