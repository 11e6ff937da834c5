// The backlog counted from the tables, once at start (actors/backlog_counts.h
// keeps it from there): the same conditions as the lists and the outbox read
// (read_model.cc, outbox.cc), grouped so that the answer is a few rows.

#include <soci/soci.h>

#include "adapters/store/sql_helpers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {
namespace {

// Each (key, count) row of `query`; a NULL key counts under "".
std::map<std::string, int64_t> grouped_counts(soci::session& sql, const std::string& query) {
  std::map<std::string, int64_t> out;
  std::string key;
  soci::indicator key_ind = soci::i_ok;
  long long n = 0;
  soci::statement st = (sql.prepare << query, soci::into(key, key_ind), soci::into(n));
  st.execute(false);
  while (st.fetch()) out[key_ind == soci::i_ok ? key : std::string()] += n;
  return out;
}

}  // namespace

Result<BacklogTally> SqlJournal::count_backlog() {
  if (Status up = connection_->revive(); !up) return up.error();
  auto counted = guarded<BacklogTally>("count the backlog", [&] {
    soci::session& sql = connection_->sql();
    BacklogTally tally;
    tally.open_cases =
        grouped_counts(sql, "SELECT kind, COUNT(*) FROM cases WHERE status = 'open' GROUP BY kind");
    tally.active_steps_by_due = grouped_counts(
        sql,
        "SELECT active_due, COUNT(*) FROM cases WHERE status = 'open' AND active_step IS NOT NULL "
        "GROUP BY active_due");
    long long waiting = 0;
    sql << "SELECT COUNT(*) FROM notices WHERE delivered_at IS NULL", soci::into(waiting);
    tally.notices_waiting = waiting;
    return tally;
  });
  if (!counted) connection_->suspect();
  return counted;
}

}  // namespace xueji::store
