#include "adapters/store/engine_lease.h"

#include <soci/soci.h>

#include "adapters/store/sql_helpers.h"

namespace xueji::store {

void check_lease(soci::session& sql, const LeaseFence& fence) {
  long long epoch = fence.epoch.load();
  long long found = -1;
  soci::indicator ind = soci::i_null;
  sql << "SELECT epoch FROM engine_lease WHERE id = 1 AND holder = :h AND epoch = :e AND "
         "expires_at > now() FOR SHARE",
      soci::use(fence.holder), soci::use(epoch), soci::into(found, ind);
  if (!sql.got_data() || ind != soci::i_ok || found != epoch) {
    throw LeaseLost("the engine lease (epoch " + std::to_string(epoch) +
                    ") is no longer this server's: the batch is not committed");
  }
}

Result<std::optional<int64_t>> take_lease(Connection& connection, const std::string& holder,
                                          const std::string& address, int ttl_ms) {
  if (Status up = connection.revive(); !up) return up.error();
  auto taken = guarded<std::optional<int64_t>>("take the engine lease", [&] {
    long long epoch = 0;
    soci::indicator ind = soci::i_null;
    connection.sql() << "UPDATE engine_lease SET holder = :h, address = :a, epoch = epoch + 1, "
                        "marked_epoch = epoch + 1, expires_at = now() + CAST(:t AS integer) * "
                        "interval '1 millisecond' "
                        "WHERE id = 1 AND expires_at <= now() RETURNING epoch",
        soci::use(holder), soci::use(address), soci::use(ttl_ms), soci::into(epoch, ind);
    if (!connection.sql().got_data() || ind != soci::i_ok) return std::optional<int64_t>();
    return std::optional<int64_t>(epoch);
  });
  if (!taken) connection.suspect();
  return taken;
}

Result<bool> renew_lease(Connection& connection, const std::string& holder, int64_t epoch,
                         int ttl_ms) {
  if (Status up = connection.revive(); !up) return up.error();
  auto renewed = guarded<bool>("renew the engine lease", [&] {
    long long mine = epoch, found = -1;
    soci::indicator ind = soci::i_null;
    connection.sql() << "UPDATE engine_lease SET expires_at = now() + CAST(:t AS integer) * "
                        "interval '1 millisecond' WHERE id = 1 AND holder = :h AND epoch = :e "
                        "AND expires_at > now() RETURNING epoch",
        soci::use(ttl_ms), soci::use(holder), soci::use(mine), soci::into(found, ind);
    return connection.sql().got_data() && ind == soci::i_ok && found == mine;
  });
  if (!renewed) connection.suspect();
  return renewed;
}

Status release_lease(Connection& connection, const std::string& holder, int64_t epoch) {
  if (Status up = connection.revive(); !up) return up.error();
  return guarded_status("release the engine lease", [&] {
    long long mine = epoch;
    connection.sql() << "UPDATE engine_lease SET expires_at = now() WHERE id = 1 AND holder = :h "
                        "AND epoch = :e AND expires_at > now()",
        soci::use(holder), soci::use(mine);
  });
}

Result<LeaseRow> read_lease(Connection& connection) {
  if (Status up = connection.revive(); !up) return up.error();
  auto row = guarded<LeaseRow>("read the engine lease", [&] {
    LeaseRow out;
    long long epoch = 0, marked = 0;
    int live = 0;
    connection.sql() << "SELECT holder, address, epoch, marked_epoch, CASE WHEN expires_at > "
                        "now() THEN 1 ELSE 0 END FROM engine_lease WHERE id = 1",
        soci::into(out.holder), soci::into(out.address), soci::into(epoch), soci::into(marked),
        soci::into(live);
    out.epoch = epoch;
    out.marked = marked == epoch;
    out.live = live == 1;
    return out;
  });
  if (!row) connection.suspect();
  return row;
}

}  // namespace xueji::store
