// Art. 14's special-education variant of grade_change: a student of a
// special-education school changes grade by the expert committee's
// assessment, named in assessment_ref, into any grade the school teaches,
// and the county approves; without the assessment it is refused, and a
// student of an ordinary school keeps Art. 7's one grade.

#include <gtest/gtest.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using SpecialEducation = CaseFixture;

// 4500000001: 广西壮族自治区特殊教育学校, run by the province (Art. 5).
constexpr const char* kSpecialSchool = "4500000001";

TEST_F(SpecialEducation, TheAssessmentLetsTheGradeMoveMoreThanOneAndTheSuperiorApproves) {
  open(OpenCase{"grade_change",
                kSpecialSchool,
                {{"grade", "2"}, {"assessment_ref", "桂残教专评〔2026〕17号"}},
                student(kSpecialSchool, 5),
                ""},
       at("2026-03-02T10:00:00+08:00"));
  ASSERT_EQ(state_.steps.size(), 2u);
  // A school the province runs has no county: its superior is the province.
  EXPECT_EQ(state_.steps[1].plan.org, "450000");
  ASSERT_TRUE(
      run(DecideStep{"school", kSpecialSchool, "approve", ""}, at("2026-03-03T10:00:00+08:00"))
          .ok());
  ASSERT_TRUE(
      run(DecideStep{"county", "450000", "approve", ""}, at("2026-03-04T10:00:00+08:00")).ok());
  EXPECT_EQ(history_.back().outcome, "approved");
  EXPECT_EQ(history_.back().record, (std::map<std::string, std::string>{{"grade", "2"}}));
}

TEST_F(SpecialEducation, WithoutTheAssessmentOrOutsideTheSchoolsGradesItIsRefused) {
  auto unassessed = run(
      OpenCase{"grade_change", kSpecialSchool, {{"grade", "6"}}, student(kSpecialSchool, 5), ""},
      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(unassessed.ok());
  EXPECT_EQ(unassessed.error().code, "missing_field");
  EXPECT_EQ(unassessed.error().message,
            "a grade_change of a special-education student needs 'assessment_ref', the expert "
            "committee's assessment it rests on (Art. 14)");
  // Grades 1 to 12 are taught there (Art. 2); 13 is no grade at all.
  auto no_grade = run(OpenCase{"grade_change",
                               kSpecialSchool,
                               {{"grade", "13"}, {"assessment_ref", "R1"}},
                               student(kSpecialSchool, 5),
                               ""},
                      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(no_grade.ok());
  EXPECT_EQ(no_grade.error().code, "invalid_field");
  EXPECT_EQ(state_.status, CaseStatus::none);
}

TEST_F(SpecialEducation, AnOrdinarySchoolsStudentKeepsArticleSevensOneGrade) {
  auto two_down = run(OpenCase{"grade_change",
                               "4501020001",
                               {{"grade", "3"}, {"assessment_ref", "R1"}},
                               student("4501020001", 5),
                               ""},
                      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(two_down.ok());
  EXPECT_EQ(two_down.error().code, "rule_refused");
  EXPECT_NE(two_down.error().message.find("(Art. 7)"), std::string::npos);
}

}  // namespace
}  // namespace xueji::test
