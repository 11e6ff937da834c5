// The journal's contract for a record's history (Art. 8: one record for
// life), on the in-memory journal and the SQL journal on PostgreSQL and
// SQLite: every change a case makes to the record leaves a row per field,
// the school and the status included, with the case as its source; the mark
// a transfer sets while it is open is the case's state and leaves none.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

using HistoryContract = JournalFixture;

std::vector<std::string> rows_of(Journal& journal, const std::string& number) {
  auto history = journal.student_history(number);
  EXPECT_TRUE(history.ok()) << history.error().message;
  std::vector<std::string> out;
  if (!history.ok()) return out;
  for (const auto& h : *history) {
    out.push_back(h.change.field + " " + h.change.old_value + "->" + h.change.new_value + " " +
                  h.source);
  }
  return out;
}

TEST_P(HistoryContract, ACaseLeavesTheSchoolAndStatusItChangedButNotTheTransfersMark) {
  const Student s = make_student("4501020001", 5);
  Transition registration;
  registration.records.registrations.push_back(s);
  ASSERT_TRUE(journal_->commit({registration}).ok());
  const std::string n = s.registration_number;
  // Opening a transfer marks the record transfer_pending: no row.
  ASSERT_TRUE(journal_->commit({opened("t1", s, at("2025-09-26T10:00:00+08:00"))}).ok());
  EXPECT_TRUE(rows_of(*journal_, n).empty());
  // Its approval moves the school: one row, the school's.
  Transition approved;
  approved.student_changes.push_back(
      StudentChange{n, "enrolled", "4501030002", "4501020001", "t1", {}, {}, {}});
  ASSERT_TRUE(journal_->commit({approved}).ok());
  EXPECT_EQ(rows_of(*journal_, n), (std::vector<std::string>{"school 4501020001->4501030002 t1"}));
  // A leave approved, then a death: each status is kept.
  Transition leave;
  leave.student_changes.push_back(StudentChange{n, "on_leave", "", "4501030002", "l1", {}, {}, {}});
  Transition death;
  death.student_changes.push_back(StudentChange{n, "deceased", "", "", "d1", {}, {}, {}});
  ASSERT_TRUE(journal_->commit({leave}).ok());
  ASSERT_TRUE(journal_->commit({death}).ok());
  EXPECT_EQ(rows_of(*journal_, n), (std::vector<std::string>{"school 4501020001->4501030002 t1",
                                                             "status enrolled->on_leave l1",
                                                             "status on_leave->deceased d1"}));
  auto history = journal_->student_history(n);
  ASSERT_TRUE(history.ok());
  // Each row carries the record's version after its write.
  auto stored = journal_->load_students({n});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(history->back().version, stored->at(n).version);
}

INSTANTIATE_TEST_SUITE_P(Journals, HistoryContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
