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
  auto connection = Connection::open(url);
  if (!connection) return connection.error();
  if (!(*connection)->postgresql()) {
    return make_error("invalid_database_url", "a warm deadline index needs PostgreSQL");
  }
  return std::unique_ptr<WarmDeadlines>(new WarmDeadlines(std::move(*connection)));
}

Status WarmDeadlines::refresh() {
  if (Status up = connection_->revive(); !up) return up;
  auto lease = read_lease(*connection_);
  if (!lease) return lease.error();
  // Every write since the copy began was marked only if each epoch since
  // was: the one seen last, or the next one, marked.
  const bool followed = lease->epoch == epoch_ || (lease->epoch == epoch_ + 1 && lease->marked);
  if (warm() && (!followed || !lease->marked)) drop();
  if (!lease->marked) {  // an older holder: nothing to follow until it goes
    epoch_ = lease->epoch;
    return Status();
  }
  soci::session& sql = connection_->sql();
  Status read = guarded_status("refresh the warm deadline index", [&] {
    // Taken before the rows are read, so a transaction that commits
    // between the two is read again next time rather than missed.
    std::string oldest;
    sql << "SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text)", soci::into(oldest);
    if (!warm()) {
      std::vector<PendingWake> index;
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id, next_instant FROM cases WHERE next_instant >= :f AND "
                          "next_instant < :u ORDER BY next_instant, id",
           soci::use(kFirst), soci::use(kLast));
      for (const auto& r : rows) {
        if (auto at = timer_at(r)) index.push_back(PendingWake{r.get<std::string>(0), *at});
      }
      copy_.reset(std::move(index));
    } else {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT id, next_instant FROM cases WHERE written_xid >= "
                          "CAST(:x AS xid8)",
           soci::use(*since_));
      for (const auto& r : rows) copy_.change(r.get<std::string>(0), timer_at(r));
    }
    since_ = oldest;
    epoch_ = lease->epoch;
  });
  if (!read) connection_->suspect();
  return read;
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
