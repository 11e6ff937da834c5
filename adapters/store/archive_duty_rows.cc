// The archive steps owed (Art. 6, 7; migrations/0010_archive_duties.sql):
// written inside the batch's transaction with the operation that owes
// them, deleted inside the transaction that opens their case, and read at
// start for those a stop left unopened.

#include "adapters/store/batch_rows.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {

void write_archive_duties(soci::session& sql, const std::vector<Transition>& batch) {
  for (const auto& t : batch) {
    for (const auto& id : t.records.archive_settled) {
      sql << "DELETE FROM archive_duties WHERE case_id = :i", soci::use(id);
    }
    for (const auto& d : t.records.archive_owed) {
      // The key refuses a duty recorded twice: the same approval committed
      // again is a broken invariant, not a second duty.
      const long long since = d.owed_since.unix_seconds();
      sql << "INSERT INTO archive_duties (case_id, kind, subject, school, owed_since) "
             "VALUES (:i, :k, :s, :c, :o)",
          soci::use(d.case_id), soci::use(d.kind), soci::use(d.subject), soci::use(d.school),
          soci::use(since);
    }
  }
}

Result<std::vector<ArchiveDuty>> SqlJournal::owed_archive_duties() {
  if (Status up = connection_->revive(); !up) return up.error();
  auto found = guarded<std::vector<ArchiveDuty>>("load owed archive steps", [&] {
    std::vector<ArchiveDuty> duties;
    // A temporary L number verified since (Art. 8) names its G number now.
    soci::rowset<soci::row> rows =
        (connection_->sql().prepare
         << "SELECT d.case_id, d.kind, COALESCE(r.replaced_by, d.subject), d.school, "
            "d.owed_since FROM archive_duties d LEFT JOIN retired_numbers r "
            "ON r.number = d.subject ORDER BY d.owed_since, d.case_id");
    for (const auto& row : rows) {
      ArchiveDuty d;
      d.case_id = row.get<std::string>(0);
      d.kind = row.get<std::string>(1);
      d.subject = row.get<std::string>(2);
      d.school = row.get<std::string>(3);
      d.owed_since = Instant::from_unix_seconds(row.get<long long>(4));
      duties.push_back(std::move(d));
    }
    return duties;
  });
  if (!found) connection_->suspect();
  return found;
}

}  // namespace xueji::store
