// A specialised school (专门学校, Art. 11): the record stays at the student's
// school while they attend one, and their own school, with its county, sets
// the grade they come back into; the status machine allows only that way
// in and out.

#include <gtest/gtest.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using SpecialisedSchool = CaseFixture;

TEST_F(SpecialisedSchool, TheRecordStaysAtTheSchoolWhileTheStudentIsAway) {
  open(OpenCase{"specialised_school_entry", "4401040001", {}, student("4401040001", 6), ""},
       at("2026-03-02T10:00:00+08:00"));
  ASSERT_TRUE(
      run(DecideStep{"school", "4401040001", "approve", ""}, at("2026-03-03T10:00:00+08:00")).ok());
  ASSERT_TRUE(
      run(DecideStep{"county", "440104", "approve", ""}, at("2026-03-05T10:00:00+08:00")).ok());
  const CaseEvent& done = history_.back();
  EXPECT_EQ(done.outcome, "approved");
  EXPECT_EQ(done.student_status, "specialised_school");
  EXPECT_EQ(done.school, "");  // not moved: the record stays where it was
  EXPECT_TRUE(done.record.empty());
}

TEST_F(SpecialisedSchool, TheReturnIsIntoAGradeTheOwnSchoolTeaches) {
  const Student away = student("4401040001", 6, StudentStatus::specialised_school);
  auto too_high =
      run(OpenCase{"specialised_school_return", "4401040001", {{"grade", "7"}}, away, ""},
          at("2026-09-07T10:00:00+08:00"));
  ASSERT_FALSE(too_high.ok());
  EXPECT_EQ(too_high.error().code, "rule_refused");
  EXPECT_NE(too_high.error().message.find("not grade 7 (Art. 2)"), std::string::npos)
      << too_high.error().message;
  // Two grades down is the school's and county's to decide (not Art. 7's
  // one grade): the grade is set, not changed.
  open(OpenCase{"specialised_school_return", "4401040001", {{"grade", "4"}}, away, ""},
       at("2026-09-07T10:00:00+08:00"));
  ASSERT_TRUE(
      run(DecideStep{"school", "4401040001", "approve", ""}, at("2026-09-08T10:00:00+08:00")).ok());
  ASSERT_TRUE(
      run(DecideStep{"county", "440104", "approve", ""}, at("2026-09-09T10:00:00+08:00")).ok());
  EXPECT_EQ(history_.back().student_status, "enrolled");
  EXPECT_EQ(history_.back().record, (std::map<std::string, std::string>{{"grade", "4"}}));
}

TEST_F(SpecialisedSchool, OnlyAStudentAtOneReturnsAndOnlyAnEnrolledOneEnters) {
  auto not_away = run(OpenCase{"specialised_school_return",
                               "4401040001",
                               {{"grade", "5"}},
                               student("4401040001", 5),
                               ""},
                      at("2026-09-07T10:00:00+08:00"));
  ASSERT_FALSE(not_away.ok());
  EXPECT_NE(not_away.error().message.find("(Art. 11)"), std::string::npos);
  auto on_leave = run(OpenCase{"specialised_school_entry",
                               "4401040001",
                               {},
                               student("4401040001", 5, StudentStatus::on_leave),
                               ""},
                      at("2026-09-07T10:00:00+08:00"));
  ASSERT_FALSE(on_leave.ok());
  EXPECT_EQ(on_leave.error().code, "rule_refused");
  EXPECT_TRUE(check_status_change(StudentStatus::enrolled, StudentStatus::specialised_school).ok());
  EXPECT_TRUE(check_status_change(StudentStatus::specialised_school, StudentStatus::enrolled).ok());
  EXPECT_TRUE(check_status_change(StudentStatus::specialised_school, StudentStatus::deceased).ok());
  EXPECT_FALSE(
      check_status_change(StudentStatus::specialised_school, StudentStatus::graduated).ok());
  EXPECT_FALSE(is_closed(StudentStatus::specialised_school));
}

}  // namespace
}  // namespace xueji::test
