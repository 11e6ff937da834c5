// Art. 14's special-education variant: a special-education student (at a
// special-education school, or marked special_needs: 随班就读 in an ordinary
// one) changes grade, graduates and moves up a stage by the expert
// committee's assessment, named in assessment_ref, into any grade the school
// teaches, and the superior approves; without the assessment it is refused,
// and an unmarked student of an ordinary school keeps Art. 7's one grade.
// The mark itself is set by an info_change resting on the assessment.

#include <gtest/gtest.h>

#include "engine/case/student_effect.h"
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

// A fresh case, for a test that opens more than one.
void start_over(CaseState& state, std::vector<CaseEvent>& history, const std::string& id) {
  state = CaseState{};
  state.id = id;
  history.clear();
}

Student marked(const std::string& school, int grade,
               StudentStatus status = StudentStatus::enrolled) {
  Student s = make_student(school, grade, status);
  s.special_needs = true;
  return s;
}

TEST_F(SpecialEducation, TheSpecialNeedsMarkRestsOnTheAssessmentAndTheCountyApproves) {
  const Student s = student("4501020001", 4);
  auto unassessed = run(OpenCase{"info_change", "4501020001", {{"special_needs", "true"}}, s, ""},
                        at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(unassessed.ok());
  EXPECT_EQ(unassessed.error().code, "missing_field");
  EXPECT_EQ(unassessed.error().message,
            "a change of the special-needs mark (随班就读) needs 'assessment_ref', the expert "
            "committee's assessment it rests on (Art. 14)");
  auto not_a_mark = run(
      OpenCase{
          "info_change", "4501020001", {{"special_needs", "yes"}, {"assessment_ref", "R1"}}, s, ""},
      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(not_a_mark.ok());
  EXPECT_EQ(not_a_mark.error().code, "invalid_field");
  EXPECT_EQ(state_.status, CaseStatus::none);

  open(OpenCase{"info_change",
                "4501020001",
                {{"special_needs", "true"}, {"assessment_ref", "兴残教专评〔2026〕3号"}},
                s,
                ""},
       at("2026-03-02T10:00:00+08:00"));
  // 交由上级学籍管理部门审批: the school, then its county.
  ASSERT_EQ(state_.steps.size(), 2u);
  EXPECT_EQ(state_.steps[1].plan.org, "450102");
  ASSERT_TRUE(
      run(DecideStep{"school", "4501020001", "approve", ""}, at("2026-03-03T10:00:00+08:00")).ok());
  ASSERT_TRUE(
      run(DecideStep{"county", "450102", "approve", ""}, at("2026-03-04T10:00:00+08:00")).ok());
  auto effect = student_effect(history_.back(), state_);
  ASSERT_TRUE(effect.has_value());
  EXPECT_EQ(effect->fields, (std::map<std::string, std::string>{{"special_needs", "true"}}));
  Student record = s;
  ASSERT_TRUE(apply_student_change(record, *effect).ok());
  EXPECT_TRUE(record.special_needs);
}

TEST_F(SpecialEducation, AMarkedStudentInAnOrdinarySchoolChangesGradeByTheAssessment) {
  auto unassessed =
      run(OpenCase{"grade_change", "4501020001", {{"grade", "3"}}, marked("4501020001", 5), ""},
          at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(unassessed.ok());
  EXPECT_EQ(unassessed.error().code, "missing_field");
  // Assessed, but into a grade the primary school does not teach (Art. 2).
  auto untaught = run(OpenCase{"grade_change",
                               "4501020001",
                               {{"grade", "8"}, {"assessment_ref", "R1"}},
                               marked("4501020001", 5),
                               ""},
                      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(untaught.ok());
  EXPECT_EQ(untaught.error().code, "rule_refused");
  EXPECT_NE(untaught.error().message.find("Art. 2"), std::string::npos) << untaught.error().message;
  EXPECT_EQ(state_.status, CaseStatus::none);
  open(OpenCase{"grade_change",
                "4501020001",
                {{"grade", "3"}, {"assessment_ref", "R1"}},
                marked("4501020001", 5),
                ""},
       at("2026-03-02T10:00:00+08:00"));
  ASSERT_EQ(state_.steps.size(), 2u);
  EXPECT_EQ(state_.steps[1].plan.org, "450102");
}

TEST_F(SpecialEducation, GraduationOfASpecialEducationStudentRestsOnTheAssessment) {
  auto unassessed = run(
      OpenCase{
          "graduation", kSpecialSchool, {{"status", "graduated"}}, student(kSpecialSchool, 9), ""},
      at("2026-06-22T10:00:00+08:00"));
  ASSERT_FALSE(unassessed.ok());
  EXPECT_EQ(unassessed.error().code, "missing_field");
  EXPECT_NE(unassessed.error().message.find("assessment_ref"), std::string::npos);
  open(OpenCase{"graduation",
                kSpecialSchool,
                {{"status", "graduated"}, {"assessment_ref", "R1"}},
                student(kSpecialSchool, 9),
                ""},
       at("2026-06-22T10:00:00+08:00"));
  ASSERT_EQ(state_.steps.size(), 2u);
  EXPECT_EQ(state_.steps[1].plan.org, "450000");  // the province runs the school
  // An unmarked student of an ordinary school graduates as before.
  start_over(state_, history_, "c2");
  open(
      OpenCase{"graduation", "4501020001", {{"status", "graduated"}}, student("4501020001", 6), ""},
      at("2026-06-22T10:00:00+08:00"));
  EXPECT_EQ(state_.steps.size(), 2u);
}

TEST_F(SpecialEducation, AStageMoveByTheAssessmentGoesToTheReceivingSuperior) {
  const Student graduate = marked("4501020001", 6, StudentStatus::graduated);
  // 4501000001: a nine-year school the city of Nanning runs (Art. 5).
  auto unassessed = run(OpenCase{"stage_handover",
                                 "4501000001",
                                 {{"to_school", "4501000001"}, {"grade", "7"}},
                                 graduate,
                                 ""},
                        at("2026-09-01T10:00:00+08:00"));
  ASSERT_FALSE(unassessed.ok());
  EXPECT_EQ(unassessed.error().code, "missing_field");
  // 情况特殊的可以允许其降级就读: by the assessment, grade 6 again at the
  // new school, which Art. 14's first grade of the next stage would refuse.
  open(OpenCase{"stage_handover",
                "4501000001",
                {{"to_school", "4501000001"}, {"grade", "6"}, {"assessment_ref", "R1"}},
                graduate,
                ""},
       at("2026-09-01T10:00:00+08:00"));
  ASSERT_EQ(state_.steps.size(), 2u);
  EXPECT_EQ(state_.steps[0].plan.org, "4501000001");
  EXPECT_EQ(state_.steps[1].plan.step, "receiving_county");
  EXPECT_EQ(state_.steps[1].plan.org, "450100");  // the city runs the school
  EXPECT_EQ(state_.steps[1].plan.article, "Art. 14");
  ASSERT_TRUE(run(DecideStep{"receiving_school", "4501000001", "approve", ""},
                  at("2026-09-02T10:00:00+08:00"))
                  .ok());
  ASSERT_TRUE(
      run(DecideStep{"receiving_county", "450100", "approve", ""}, at("2026-09-03T10:00:00+08:00"))
          .ok());
  auto effect = student_effect(history_.back(), state_);
  ASSERT_TRUE(effect.has_value());
  Student record = graduate;
  ASSERT_TRUE(apply_student_change(record, *effect).ok());
  EXPECT_EQ(record.school, "4501000001");
  EXPECT_EQ(record.grade, 6);
  EXPECT_TRUE(record.special_needs);  // one record, for life (Art. 8)

  // Unmarked, the same move is refused and the usual one has one step.
  start_over(state_, history_, "c2");
  const Student ordinary = student("4501020001", 6, StudentStatus::graduated);
  auto repeat =
      run(OpenCase{"stage_handover",
                   "4501000001",
                   {{"to_school", "4501000001"}, {"grade", "6"}, {"assessment_ref", "R1"}},
                   ordinary,
                   ""},
          at("2026-09-01T10:00:00+08:00"));
  ASSERT_FALSE(repeat.ok());
  EXPECT_EQ(repeat.error().code, "rule_refused");
  open(OpenCase{"stage_handover",
                "4501000001",
                {{"to_school", "4501000001"}, {"grade", "7"}},
                ordinary,
                ""},
       at("2026-09-01T10:00:00+08:00"));
  EXPECT_EQ(state_.steps.size(), 1u);
}

}  // namespace
}  // namespace xueji::test
