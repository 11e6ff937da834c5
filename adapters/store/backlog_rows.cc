// The backlog counted from the tables, once at start (actors/backlog_counts.h
// keeps it from there): the same conditions as the lists and the outbox read
// (read_model.cc, outbox.cc), grouped so that the answer is a few rows.

#include <soci/soci.h>

#include "adapters/store/outbox.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {
namespace {

// The open cases in one pass over the table, grouped by kind, by their
// active step's due date and by whether one is active: a start at ten
// million open cases read the table twice for the two tallies, seconds
// each (issue 17). A NULL due date counts under "".
void count_open_cases(soci::session& sql, BacklogTally& tally) {
  std::string kind, due;
  soci::indicator due_ind = soci::i_ok;
  int active = 0;
  long long n = 0;
  soci::statement st =
      (sql.prepare << "SELECT kind, active_due, CASE WHEN active_step IS NULL THEN 0 ELSE 1 END, "
                      "COUNT(*) FROM cases WHERE status = 'open' GROUP BY 1, 2, 3",
       soci::into(kind), soci::into(due, due_ind), soci::into(active), soci::into(n));
  st.execute(false);
  while (st.fetch()) {
    tally.open_cases[kind] += n;
    if (active != 0) tally.active_steps_by_due[due_ind == soci::i_ok ? due : std::string()] += n;
  }
}

}  // namespace

Result<BacklogTally> SqlJournal::count_backlog() {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto counted = guarded<BacklogTally>("count the backlog", [&] {
    soci::session& sql = connection_->sql();
    BacklogTally tally;
    count_open_cases(sql, tally);
    long long waiting = 0;
    sql << kCountUndeliveredNotices, soci::into(waiting);
    tally.notices_waiting = waiting;
    return tally;
  });
  if (!counted) connection_->suspect();
  return counted;
}

}  // namespace xueji::store
