// The journal's contract for a school that merged or closed (Art. 12), on
// the in-memory journal and the SQL journal on PostgreSQL and SQLite: once
// the change is committed, a case opened at the school completes on a
// record at its successor (and a record at the school with a case opened
// at the successor), but not on a record at any other school; the records
// run moves every record of the school, whatever its grade and status,
// each keeping the school it left in its history, and resumes after a stop.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

class SchoolHandOverContract : public JournalFixture {
 protected:
  Status merge(const std::string& school, const std::string& into) {
    Transition t;
    t.records.org_changes.push_back(
        OrgChangeRecord{OrgChange{OrgChangeKind::merge, school, "", "", std::nullopt, into},
                        at("2026-08-20T09:00:00+08:00"), "reg.450102", "两校撤并"});
    return journal_->commit({t});
  }
  // A transfer's completion as case `case_id` writes: the record must
  // still rest at `if_school`; it moves to `to`.
  Status complete(const Student& s, const std::string& if_school, const std::string& to,
                  const std::string& case_id) {
    Transition t;
    t.student_changes.push_back(StudentChange{s.registration_number,
                                              "enrolled",
                                              to,
                                              if_school,
                                              case_id,
                                              {},
                                              {},
                                              at("2026-09-01T10:00:00+08:00")});
    return journal_->commit({t});
  }
  Student stored(const Student& s) {
    return journal_->load_students({s.registration_number})->at(s.registration_number).student;
  }
};

TEST_P(SchoolHandOverContract, ARecordAtTheSuccessorRestsAtTheSchoolForItsCases) {
  const Student moved = make_student("4501020002", 5, StudentStatus::transfer_pending, "20150101",
                                     "401");  // already at the successor
  const Student left = make_student("4501020001", 5, StudentStatus::transfer_pending, "20150102",
                                    "402");  // not moved yet
  const Student elsewhere =
      make_student("4501020003", 5, StudentStatus::transfer_pending, "20150103", "403");
  Transition registration;
  registration.records.registrations = {moved, left, elsewhere};
  ASSERT_TRUE(journal_->commit({registration}).ok());

  // Before the merger a record at the successor is not at the school.
  auto before = complete(moved, "4501020001", "4501030002", "c1");
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, "student_changed");

  ASSERT_TRUE(merge("4501020001", "4501020002").ok());
  EXPECT_TRUE(complete(moved, "4501020001", "4501030002", "c1").ok());
  EXPECT_EQ(stored(moved).school, "4501030002");
  // A case opened at the successor, on a record the run has not moved yet.
  EXPECT_TRUE(complete(left, "4501020002", "4501030002", "c2").ok());
  // A third school is not the school.
  auto other = complete(elsewhere, "4501020001", "4501030002", "c3");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "student_changed");
  EXPECT_EQ(stored(elsewhere).school, "4501020003");

  // The successor merging on carries its predecessors with it.
  const Student later =
      make_student("4501020003", 5, StudentStatus::transfer_pending, "20150104", "404");
  Transition more;
  more.records.registrations = {later};
  ASSERT_TRUE(journal_->commit({more}).ok());
  ASSERT_TRUE(merge("4501020002", "4501020003").ok());
  EXPECT_TRUE(complete(later, "4501020001", "4501030002", "c4").ok());
}

TEST_P(SchoolHandOverContract, TheRecordsRunMovesEveryRecordOfTheSchoolOnce) {
  const std::vector<Student> students = {
      make_student("4501020001", 1, StudentStatus::enrolled, "20190901", "411"),
      make_student("4501020001", 6, StudentStatus::graduated, "20140901", "412"),
      make_student("4501020001", 4, StudentStatus::on_leave, "20160901", "413"),
      make_student("4501020002", 3, StudentStatus::enrolled, "20170901", "414")};
  Transition registration;
  registration.records.registrations = students;
  ASSERT_TRUE(journal_->commit({registration}).ok());
  StudentRun run = school_records_run("4501020001", "4501020002", at("2026-08-20T09:00:00+08:00"));
  run.batch = 1;
  auto first = journal_->run_batch(run);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->changed, 1);
  auto reopened = journals_();  // a stop and a start
  ASSERT_TRUE(reopened.ok());
  journal_ = std::move(*reopened);
  RunProgress done;
  for (int batches = 0; !done.finished && batches < 10; ++batches) {
    auto next = journal_->run_batch(run);
    ASSERT_TRUE(next.ok()) << next.error().message;
    done = *next;
  }
  EXPECT_TRUE(done.finished);
  EXPECT_EQ(done.changed, 3);
  for (size_t i = 0; i < 3; ++i) {
    const Student s = stored(students[i]);
    EXPECT_EQ(s.school, "4501020002") << i;
    EXPECT_EQ(s.status, students[i].status) << i;
    EXPECT_EQ(s.grade, students[i].grade) << i;
    auto history = journal_->student_history(students[i].registration_number);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->size(), 1u) << i;
    EXPECT_EQ(history->front().change.field, "school");
    EXPECT_EQ(history->front().change.old_value, "4501020001");
    EXPECT_EQ(history->front().change.new_value, "4501020002");
    EXPECT_EQ(history->front().source, "handover-4501020001");
  }
  EXPECT_TRUE(journal_->student_history(students[3].registration_number)->empty());
}

INSTANTIATE_TEST_SUITE_P(Journals, SchoolHandOverContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
