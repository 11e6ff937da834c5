// A province's added precondition at the opening of a case, on the shipped
// rules (issue 16, "Bounds"): Zhejiang's overlay refuses a transfer in the
// last term of the graduating grade (workflows/provinces/330000/
// transfer.yaml); the same opening in Guangxi, which adds none, is accepted.

#include <gtest/gtest.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

OpenCase transfer(const Student& s, const std::string& to_school) {
  OpenCase c;
  c.kind = "transfer";
  c.by = to_school;
  c.fields["to_school"] = to_school;
  c.student = s;
  return c;
}

using AddedPreconditionAtOpening = CaseFixture;

TEST_F(AddedPreconditionAtOpening, ZhejiangRefusesTheGraduatingGradesLastTerm) {
  // 杭州上城区第一小学 is a primary school: grade 6 graduates from it.
  auto refused = decide(state_, transfer(student("3301020001", 6), "4501030002"),
                        at("2026-03-10T10:00:00+08:00"), context());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "rule_refused");
  const std::string& message = refused.error().message;
  EXPECT_EQ(message.rfind("毕业年级最后一学期不办理转学", 0), 0u) << message;
  EXPECT_NE(message.find("grade 6 ends its stage at 3301020001 and 2026-03-10 is in its last "
                         "term (2026-02-01 to 2026-08-31)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("precondition not_in_final_term_of_graduating_grade of 330000"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("provinces/330000/transfer.yaml:"), std::string::npos) << message;
  EXPECT_NE(message.find("Art. 15, 29)"), std::string::npos) << message;
  EXPECT_EQ(state_.status, CaseStatus::none);  // nothing opened
}

TEST_F(AddedPreconditionAtOpening, GuangxiAcceptsTheSameOpening) {
  // 4501020001 is a primary school too; Guangxi adds no precondition.
  const auto opened =
      open(transfer(student("4501020001", 6), "3301020001"), at("2026-03-10T10:00:00+08:00"));
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(opened[0].province, "450000");
}

TEST_F(AddedPreconditionAtOpening, ZhejiangAcceptsOutsideThatTerm) {
  // The autumn term of the same grade.
  open(transfer(student("3301020001", 6), "4501030002"), at("2025-09-01T10:00:00+08:00"));
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST_F(AddedPreconditionAtOpening, ZhejiangAcceptsAGradeThatIsNotGraduating) {
  open(transfer(student("3301020001", 5), "4501030002"), at("2026-03-10T10:00:00+08:00"));
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST_F(AddedPreconditionAtOpening, ANineYearSchoolsGradeSixGoesOnAndIsNotHeld) {
  // 杭州市直属九年一贯制学校: grade 6 goes on to grade 7 there (Art. 7).
  open(transfer(student("3301000001", 6), "4501030002"), at("2026-03-10T10:00:00+08:00"));
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST_F(AddedPreconditionAtOpening, TheNationalPreconditionStillComesFirst) {
  // A student on leave is refused by the national rule (Art. 15), whatever
  // the overlay adds.
  auto refused =
      decide(state_, transfer(student("3301020001", 6, StudentStatus::on_leave), "4501030002"),
             at("2026-03-10T10:00:00+08:00"), context());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message.rfind("only an enrolled student can transfer", 0), 0u)
      << refused.error().message;
}

}  // namespace
}  // namespace xueji::test
