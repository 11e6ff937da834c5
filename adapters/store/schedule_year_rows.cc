// The national schedule years whose arrival the engine has answered
// (migrations/0026_schedule_years.sql; actors/schedule_arrival.h): written
// inside the batch's transaction that settles them, read at start.

#include "adapters/store/batch_rows.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {

void write_schedule_years(soci::session& sql, const std::vector<Transition>& batch) {
  for (const auto& t : batch) {
    const long long at = t.records.schedule_years_at.unix_seconds();
    for (int year : t.records.schedule_years) {
      // PostgreSQL 15 and SQLite 3.40 both take ON CONFLICT: a year
      // settled again (a start after a reload's) is no error.
      sql << "INSERT INTO schedule_years (year, settled_at) VALUES (:y, :a) "
             "ON CONFLICT (year) DO NOTHING",
          soci::use(year), soci::use(at);
    }
  }
}

Result<std::vector<int>> SqlJournal::schedule_years() {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto found = guarded<std::vector<int>>("load schedule years", [&] {
    std::vector<int> years;
    each_row_once(
        connection_->sql(), "SELECT year FROM schedule_years ORDER BY year",
        [](soci::statement&) {}, [&](const soci::row& row) { years.push_back(row.get<int>(0)); });
    return years;
  });
  if (!found) connection_->suspect();
  return found;
}

}  // namespace xueji::store
