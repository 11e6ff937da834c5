// The journal's contract for a school's graduation run (Art. 19), on the
// in-memory journal and the SQL journal on PostgreSQL and SQLite: the
// cohort in the school's last grade becomes graduated, each record keeping
// its former status in its history; a record with a live case (but for an
// archive case, which changes nothing on the record), one of the
// run's exceptions, a record of another grade or school, and a record not
// enrolled are left alone; the run resumes after a stop and closes no
// record twice.

#include <gtest/gtest.h>

#include "tests/journal/journal_fixture.h"

namespace xueji::test {
namespace {

class GraduationContract : public JournalFixture {
 protected:
  RunProgress run_to_end(const StudentRun& run) {
    RunProgress p;
    for (int batches = 0; !p.finished && batches < 20; ++batches) {
      auto next = journal_->run_batch(run);
      EXPECT_TRUE(next.ok()) << next.error().message;
      if (!next.ok()) break;
      p = *next;
    }
    return p;
  }
};

TEST_P(GraduationContract, TheCohortGraduatesButItsExceptionsAndLiveCases) {
  const std::vector<Student> students = {
      make_student("4501020001", 6, StudentStatus::enrolled, "20140901", "301"),
      make_student("4501020001", 6, StudentStatus::enrolled, "20140902", "302"),  // exception
      make_student("4501020001", 6, StudentStatus::enrolled, "20140903", "303"),  // live case
      make_student("4501020001", 6, StudentStatus::on_leave, "20140904", "304"),
      make_student("4501020001", 5, StudentStatus::enrolled, "20150901", "305"),
      make_student("4501020002", 6, StudentStatus::enrolled, "20140905", "306"),  // other school
      make_student("4501020001", 6, StudentStatus::enrolled, "20140906", "307")};
  Transition registration;
  registration.records.registrations = students;
  ASSERT_TRUE(journal_->commit({registration}).ok());
  // A case still open on the third, its record enrolled (as under an
  // information change, which marks no status): the case decides first.
  ASSERT_TRUE(
      journal_->commit({opened("c-live", students[2], at("2026-06-01T10:00:00+08:00"))}).ok());
  Transition back;
  back.student_changes.push_back(
      StudentChange{students[2].registration_number, "enrolled", "", "", "c-other", {}, {}, {}});
  ASSERT_TRUE(journal_->commit({back}).ok());
  // An archive case open on the last: it changes nothing on the record
  // (Art. 6) and does not hold the graduation back.
  Transition archive = opened("c-archive", students[6], at("2026-06-02T10:00:00+08:00"));
  archive.row.kind = "archive_build";
  archive.student_changes.clear();
  ASSERT_TRUE(journal_->commit({archive}).ok());
  auto run = graduation_run(*orgs_, "4501020001", 2026, 0, {students[1].registration_number},
                            at("2026-07-01T09:00:00+08:00"));
  ASSERT_TRUE(run.ok()) << run.error().message;
  run->batch = 1;
  // One batch, then a new journal (a crash and a restart).
  auto first = journal_->run_batch(*run);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->changed, 1);
  auto reopened = journals_();
  ASSERT_TRUE(reopened.ok());
  journal_ = std::move(*reopened);
  const RunProgress done = run_to_end(*run);
  EXPECT_TRUE(done.finished);
  EXPECT_EQ(done.changed, 2);
  std::vector<std::string> numbers;
  for (const auto& s : students) numbers.push_back(s.registration_number);
  auto after = *journal_->load_students(numbers);
  const std::vector<StudentStatus> statuses = {StudentStatus::graduated, StudentStatus::enrolled,
                                               StudentStatus::enrolled,  StudentStatus::on_leave,
                                               StudentStatus::enrolled,  StudentStatus::enrolled,
                                               StudentStatus::graduated};
  for (size_t i = 0; i < students.size(); ++i) {
    const StoredStudent& s = after.at(numbers[i]);
    EXPECT_EQ(s.student.status, statuses[i]) << i;
    EXPECT_EQ(s.student.grade, students[i].grade) << i;  // graduation moves no grade
  }
  // One record for life (Art. 8, 19): the status replaced, with the run.
  auto history = journal_->student_history(numbers[0]);
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().change.field, "status");
  EXPECT_EQ(history->front().change.old_value, "enrolled");
  EXPECT_EQ(history->front().change.new_value, "graduated");
  EXPECT_EQ(history->front().source, "graduation-2026-4501020001");
  EXPECT_EQ(history->front().version, after.at(numbers[0]).version);
  EXPECT_TRUE(journal_->student_history(numbers[1])->empty());
  // Again: finished, nothing closed twice, no second history row.
  auto again = journal_->run_batch(*run);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->finished);
  EXPECT_EQ(again->changed, 2);
  EXPECT_EQ(journal_->student_history(numbers[0])->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Journals, GraduationContract,
                         ::testing::Values("memory", "postgresql", "sqlite"), backend_name);

}  // namespace
}  // namespace xueji::test
