// The journal's contract for registration numbers (Art. 8-10), on the
// in-memory journal and the SQL journal on PostgreSQL and SQLite: an L or J
// number is claimed once, ever; a renumbering moves the record to its G
// number and retires the L number, through which the cases opened under it
// still reach the record.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

class RenumberingContract : public JournalFixture {
 protected:
  // The student of make_student() under the temporary number `number`.
  static Student temporary(const std::string& number) {
    Student s = make_student("4501020001", 5);
    s.registration_number = number;
    return s;
  }

  Status register_one(const Student& s) {
    Transition t;
    t.records.registrations.push_back(s);
    return journal_->commit({t});
  }

  Status renumber(const std::string& from, const Student& s) {
    Transition t;
    Student verified = s;
    verified.registration_number = "G" + s.resident_id;
    t.records.renumberings.push_back(Renumbering{from, verified, at("2025-09-26T10:00:00+08:00")});
    return journal_->commit({t});
  }
};

const std::string kL = "L450102201309150000";

TEST_P(RenumberingContract, ATemporaryNumberIsClaimedOnceEvenAfterItIsRetired) {
  const Student s = temporary(kL);
  ASSERT_TRUE(register_one(s).ok());
  ASSERT_TRUE(renumber(kL, s).ok());
  auto moved = journal_->load_students({kL, "G" + s.resident_id});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  ASSERT_EQ(moved->size(), 1u);
  EXPECT_EQ(moved->begin()->first, "G" + s.resident_id);
  EXPECT_EQ(moved->begin()->second.student.school, "4501020001");
  EXPECT_EQ(moved->begin()->second.version, 1);
  // The retired number is free in the students table, not among the
  // numbers issued: a registration of it fails whole.
  Student other = make_student("4501020001", 3, StudentStatus::enrolled, "20130915", "003");
  other.registration_number = kL;
  EXPECT_FALSE(register_one(other).ok());
  auto none = journal_->load_students({kL});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  // A second renumbering of it finds no record to move.
  auto again = renumber(kL, s);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "student_changed");
  // J numbers likewise: the second claim fails.
  Student j = other;
  j.resident_id = "";
  j.registration_number = "J000000000000000001";
  ASSERT_TRUE(register_one(j).ok());
  j.name = "another";
  EXPECT_FALSE(register_one(j).ok());
}

TEST_P(RenumberingContract, ACaseOpenedUnderTheLNumberReachesTheGRecord) {
  const Student s = temporary(kL);
  ASSERT_TRUE(register_one(s).ok());
  // A transfer opened under L marks the record transfer_pending.
  Transition opening = opened("c1", s, at("2025-09-26T09:00:00+08:00"));
  ASSERT_TRUE(journal_->commit({opening}).ok());
  ASSERT_TRUE(renumber(kL, s).ok());
  const std::string g = "G" + s.resident_id;
  auto record = journal_->load_students({g});
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->size(), 1u);
  EXPECT_EQ(record->at(g).student.status, StudentStatus::transfer_pending);
  // Its open cases, asked by either number.
  for (const auto& number : {g, kL}) {
    auto open = journal_->open_cases(number);
    ASSERT_TRUE(open.ok()) << open.error().message;
    ASSERT_EQ(open->size(), 1u) << number;
    EXPECT_EQ(open->front(), "c1");
  }
  // The completion names the L number and moves the G record.
  Transition completion;
  StudentChange moved;
  moved.registration_number = kL;
  moved.status = "enrolled";
  moved.school = "4501030002";
  moved.if_school = "4501020001";
  moved.case_id = "c1";
  completion.student_changes.push_back(moved);
  ASSERT_TRUE(journal_->commit({completion}).ok());
  record = journal_->load_students({g});
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->at(g).student.school, "4501030002");
  EXPECT_EQ(record->at(g).student.status, StudentStatus::enrolled);
  // Its compare-and-set holds against the G record: the same move again no
  // longer fits (the record left the school the case was opened at).
  auto stale = journal_->commit({completion});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "student_changed");
}

TEST_P(RenumberingContract, AClosedRecordIsFoundWithOpenCasesUnderItsLNumber) {
  const Student s = temporary(kL);
  ASSERT_TRUE(register_one(s).ok());
  ASSERT_TRUE(journal_->commit({opened("c1", s, at("2025-09-26T09:00:00+08:00"))}).ok());
  ASSERT_TRUE(renumber(kL, s).ok());
  Transition death;
  StudentChange closed;
  closed.registration_number = "G" + s.resident_id;
  closed.status = "deceased";
  closed.case_id = "c2";
  death.student_changes.push_back(closed);
  ASSERT_TRUE(journal_->commit({death}).ok());
  auto found = journal_->closed_with_open_cases();
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front(), kL);
}

INSTANTIATE_TEST_SUITE_P(Journals, RenumberingContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
