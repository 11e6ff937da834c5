// A school's graduation run (Art. 19; engine/student/student_run.h): which
// grade graduates at which type of school, and what the run refuses.

#include <gtest/gtest.h>

#include "engine/student/student_run.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using GraduationRunTest = CaseFixture;

const Instant kAt = at("2026-07-01T09:00:00+08:00");

TEST_F(GraduationRunTest, EachTypeGraduatesItsLastGrade) {
  const std::vector<std::pair<std::string, int>> schools = {
      {"4501020001", 6},    // primary
      {"4501020003", 12},   // senior
      {"4501000001", 9},    // nine-year
      {"4503000001", 12},   // twelve-year
      {"4500000001", 12}};  // special education, unless it names grade 9
  for (const auto& [school, grade] : schools) {
    auto run = graduation_run(*orgs_, school, 2026, 0, {}, kAt);
    ASSERT_TRUE(run.ok()) << school << ": " << run.error().message;
    EXPECT_EQ(run->grades, std::vector<int>{grade}) << school;
    EXPECT_EQ(run->id, "graduation-2026-" + school);
    EXPECT_EQ(run->kind, "graduation");
    EXPECT_EQ(run->to_status, StudentStatus::graduated);
    EXPECT_TRUE(run->skip_open_cases);
    EXPECT_EQ(run->grade_step, 0);
    EXPECT_EQ(run_year(run->id), 2026);
  }
  auto compulsory = graduation_run(*orgs_, "4500000001", 2026, 9, {}, kAt);
  ASSERT_TRUE(compulsory.ok());
  EXPECT_EQ(compulsory->grades, std::vector<int>{9});
}

TEST_F(GraduationRunTest, TheRunTakesOnlyEnrolledRecordsOfItsGradeAndSchoolButItsExceptions) {
  Student a = make_student("4501020001", 6, StudentStatus::enrolled, "20140901", "401");
  Student b = make_student("4501020001", 6, StudentStatus::enrolled, "20140902", "402");
  auto run = graduation_run(*orgs_, "4501020001", 2026, 0, {b.registration_number}, kAt);
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(takes(*run, a));
  EXPECT_FALSE(takes(*run, b));  // an exception: a case decides it
  Student on_leave = a;
  on_leave.status = StudentStatus::on_leave;
  EXPECT_FALSE(takes(*run, on_leave));
  Student grade5 = a;
  grade5.grade = 5;
  EXPECT_FALSE(takes(*run, grade5));
  Student elsewhere = a;
  elsewhere.school = "4501020002";
  EXPECT_FALSE(takes(*run, elsewhere));
}

TEST_F(GraduationRunTest, RefusalsNameWhatIsWrong) {
  auto county = graduation_run(*orgs_, "450102", 2026, 0, {}, kAt);
  ASSERT_FALSE(county.ok());
  EXPECT_EQ(county.error().code, "unknown_org");
  auto unknown = graduation_run(*orgs_, "4509990001", 2026, 0, {}, kAt);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_org");
  // Art. 7: a nine-year school's grade 6 moves up by promotion.
  auto across = graduation_run(*orgs_, "4501000001", 2026, 6, {}, kAt);
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.error().code, "rule_refused");
  EXPECT_NE(across.error().message.find("Art. 7"), std::string::npos);
  auto twelve_nine = graduation_run(*orgs_, "4503000001", 2026, 9, {}, kAt);
  ASSERT_FALSE(twelve_nine.ok());
  EXPECT_EQ(twelve_nine.error().code, "rule_refused");
  // Art. 2: a primary school teaches no grade 9.
  auto untaught = graduation_run(*orgs_, "4501020001", 2026, 9, {}, kAt);
  ASSERT_FALSE(untaught.ok());
  EXPECT_EQ(untaught.error().code, "rule_refused");
  EXPECT_NE(untaught.error().message.find("Art. 2"), std::string::npos);
  auto mid_stage = graduation_run(*orgs_, "4501020001", 2026, 5, {}, kAt);
  ASSERT_FALSE(mid_stage.ok());
  EXPECT_EQ(mid_stage.error().code, "invalid_field");
  auto bad_year = graduation_run(*orgs_, "4501020001", 1999, 0, {}, kAt);
  ASSERT_FALSE(bad_year.ok());
  EXPECT_EQ(bad_year.error().code, "invalid_field");
  auto bad_number = graduation_run(*orgs_, "4501020001", 2026, 0, {"G1'; DROP TABLE x"}, kAt);
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.error().code, "invalid_field");
  EXPECT_NE(bad_number.error().message.find("G1'; DROP TABLE x"), std::string::npos);
}

}  // namespace
}  // namespace xueji::test
