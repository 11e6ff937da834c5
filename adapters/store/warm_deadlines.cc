#include "adapters/store/warm_deadlines.h"

#include "adapters/store/engine_lease.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {
namespace {

// The scheduler's window (Runtime::start): every timer, whenever it falls.
constexpr long long kFirst = 0, kLast = 253402300800;

std::optional<Instant> timer_at(const soci::row& r) {
  if (r.get_indicator(1) == soci::i_null) return std::nullopt;
  const long long at = r.get<long long>(1);
  if (at < kFirst || at >= kLast) return std::nullopt;
  return Instant::from_unix_seconds(at);
}

}  // namespace

Result<std::unique_ptr<WarmDeadlines>> WarmDeadlines::open(const std::string& url) {
  auto store = SqlJournal::open(url);
  if (!store) return store.error();
  if (!(*store)->connection().postgresql()) {
    return make_error("invalid_database_url", "a warm deadline index needs PostgreSQL");
  }
  return std::unique_ptr<WarmDeadlines>(new WarmDeadlines(std::move(*store)));
}

Status WarmDeadlines::refresh() {
  Connection& connection = store_->connection();
  if (Status up = connection.revive(); !up) return up;
  auto lease = read_lease(connection);
  if (!lease) return lease.error();
  // Every write since the copy began was marked only if each epoch since
  // was: the one seen last, or the next one, marked.
  const bool followed = lease->epoch == epoch_ || (lease->epoch == epoch_ + 1 && lease->marked);
  if (warm() && (!followed || !lease->marked)) drop();
  if (!lease->marked) {  // an older holder: nothing to follow until it goes
    epoch_ = lease->epoch;
    return Status();
  }
  soci::session& sql = connection.sql();
  // Taken before the rows are read, so a transaction that commits between
  // the two is read again next time rather than missed.
  auto oldest = guarded<std::string>("refresh the warm deadline index", [&] {
    std::string xmin;
    sql << "SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text)", soci::into(xmin);
    return xmin;
  });
  if (!oldest) {
    connection.suspect();
    return oldest.error();
  }
  if (!warm()) {
    auto index = store_->wakes(WakeIndex::cases, Instant::from_unix_seconds(kFirst),
                               Instant::from_unix_seconds(kLast));
    if (!index) return index.error();
    copy_.reset(std::move(*index));
  } else {
    Status read = guarded_status("refresh the warm deadline index", [&] {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id, next_instant FROM cases WHERE written_xid >= "
                          "CAST(:x AS xid8)",
           soci::use(*since_));
      for (const auto& r : rows) copy_.change(r.get<std::string>(0), timer_at(r));
    });
    if (!read) {
      connection.suspect();
      return read;
    }
  }
  since_ = *oldest;
  epoch_ = lease->epoch;
  return Status();
}

std::optional<std::vector<PendingWake>> WarmDeadlines::take_over(int64_t epoch) {
  // Taken straight after the epoch seen last, no other between; and the
  // old holder's batches are fenced (engine_lease.h), so one refresh now
  // reads its last.
  if (!warm() || epoch != epoch_ + 1) return std::nullopt;
  if (!refresh().ok() || !warm() || epoch_ != epoch) return std::nullopt;
  auto index = copy_.merged();
  copy_.reset({});
  drop();
  return index;
}

}  // namespace xueji::store
