// The archive steps owed (Art. 6, 7; migrations/0010_archive_duties.sql):
// written inside the batch's transaction with the operation that owes
// them, deleted inside the transaction that opens their case, and read at
// start for those a stop left unopened.

#include <algorithm>
#include <limits>

#include "adapters/store/batch_rows.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {

void write_archive_duties(soci::session& sql, const std::vector<Transition>& batch) {
  std::vector<std::string> id, kind, subject, school;
  std::vector<long long> since;
  for (const auto& t : batch) {
    for (const auto& d : t.records.archive_owed) {
      id.push_back(d.case_id);
      kind.push_back(d.kind);
      subject.push_back(d.subject);
      school.push_back(d.school);
      since.push_back(d.owed_since.unix_seconds());
    }
  }
  // The key refuses a duty recorded twice: the same approval committed
  // again is a broken invariant, not a second duty. Many rows (a term's
  // intake) go in few statements; all before the settlements, which come
  // after the duty they settle, in the same batch too.
  insert_rows(sql,
              "INSERT INTO archive_duties (case_id, kind, subject, school, owed_since) VALUES ", "",
              {{&id}, {&kind}, {&subject}, {&school}, {nullptr, &since}}, id.size(), true);
  std::vector<std::string> settled;
  for (const auto& t : batch) {
    settled.insert(settled.end(), t.records.archive_settled.begin(),
                   t.records.archive_settled.end());
  }
  // A batch of openings (a term's intake) settles hundreds: a statement per
  // 500, not per duty, each a round trip on the writer's one connection.
  constexpr size_t kPerStatement = 500;
  for (size_t start = 0; start < settled.size(); start += kPerStatement) {
    const size_t end = std::min(settled.size(), start + kPerStatement);
    auto prepared = (sql.prepare << "DELETE FROM archive_duties WHERE case_id IN (" +
                                        placeholders(end - start) + ")");
    for (size_t i = start; i < end; ++i) prepared, soci::use(settled[i]);
    soci::statement(prepared).execute(true);
  }
}

Result<std::vector<ArchiveDuty>> SqlJournal::owed_archive_duties_after(
    const std::optional<ArchiveDuty>& after, size_t limit) {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto found = guarded<std::vector<ArchiveDuty>>("load owed archive steps", [&] {
    std::vector<ArchiveDuty> duties;
    const long long most =
        static_cast<long long>(std::min<size_t>(limit, std::numeric_limits<long long>::max()));
    // Oldest first, a page an index range however many are owed
    // (migrations/0028_archive_duties_oldest_first.sql). A temporary L
    // number verified since (Art. 8) names its G number now.
    const long long since =
        after ? after->owed_since.unix_seconds() : std::numeric_limits<long long>::min();
    const std::string id = after ? after->case_id : "";
    soci::rowset<soci::row> rows =
        (connection_->sql().prepare
             << "SELECT d.case_id, d.kind, COALESCE(r.replaced_by, d.subject), d.school, "
                "d.owed_since FROM archive_duties d LEFT JOIN retired_numbers r "
                "ON r.number = d.subject WHERE (d.owed_since, d.case_id) > (:since, :id) "
                "ORDER BY d.owed_since, d.case_id LIMIT :most",
         soci::use(since), soci::use(id), soci::use(most));
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
