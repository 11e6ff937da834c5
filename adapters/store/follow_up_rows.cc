// The follow-ups a case's commit owes the student's other cases (Art. 12,
// 16, 17; migrations/0025_owed_follow_ups.sql): written inside the batch's
// transaction with the commit that owes them, deleted by the transition
// that settles them once every live case answered, and read at start for
// those a stop left undelivered.

#include <stdexcept>

#include "adapters/store/batch_rows.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::store {

void write_owed_follow_ups(soci::session& sql, const std::vector<Transition>& batch) {
  std::vector<std::string> id, subject, by_case, body;
  std::vector<long long> since;
  for (const auto& t : batch) {
    for (const auto& owed : t.records.follow_ups_owed) {
      id.push_back(owed.id);
      subject.push_back(owed.subject);
      by_case.push_back(owed.by_case);
      since.push_back(owed.owed_since.unix_seconds());
      body.push_back(follow_up_body(owed));
    }
  }
  // The key refuses one commit owing the same follow-up twice.
  insert_rows(sql, "INSERT INTO owed_follow_ups (id, subject, by_case, owed_since, body) VALUES ",
              "", {{&id}, {&subject}, {&by_case}, {nullptr, &since}, {&body}}, id.size());
  for (const auto& t : batch) {
    for (const auto& settled : t.records.follow_ups_settled) {
      sql << "DELETE FROM owed_follow_ups WHERE id = :i", soci::use(settled);
    }
  }
}

Result<std::vector<OwedFollowUp>> SqlJournal::owed_follow_ups() {
  if (Status up = ready(Connection::Plans::per_execution); !up) return up.error();
  auto found = guarded<std::vector<OwedFollowUp>>("load owed follow-ups", [&] {
    std::vector<OwedFollowUp> owed;
    // A temporary L number verified since (Art. 8) names its G number now.
    each_row_once(
        connection_->sql(),
        "SELECT f.id, COALESCE(r.replaced_by, f.subject), f.by_case, f.owed_since, f.body "
        "FROM owed_follow_ups f LEFT JOIN retired_numbers r ON r.number = f.subject "
        "ORDER BY f.owed_since, f.id",
        [](soci::statement&) {},
        [&](const soci::row& row) {
          OwedFollowUp o;
          o.id = row.get<std::string>(0);
          o.subject = row.get<std::string>(1);
          o.by_case = row.get<std::string>(2);
          o.owed_since = Instant::from_unix_seconds(row.get<long long>(3));
          auto command = follow_up_command(row.get<std::string>(4));
          // A body the engine cannot read is a broken store, not a skip.
          if (!command) throw std::runtime_error(o.id + ": " + command.error().message);
          o.command = std::move(*command);
          owed.push_back(std::move(o));
        });
    return owed;
  });
  if (!found) connection_->suspect();
  return found;
}

}  // namespace xueji::store
