// Art. 20: a student going abroad has the record closed into the county's
// keeping (status abroad); back home, a receiving school reopens it in the
// grade the province's rule places them, with the time abroad marked.

#include <gtest/gtest.h>

#include "engine/case/student_effect.h"
#include "engine/student/abroad_periods.h"
#include "engine/workflow/return_placement.h"
#include "engine/workflow/rule_loader.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

class StudyAbroad : public CaseFixture {
 protected:
  static OpenCase going(const Student& s, const std::string& by) {
    OpenCase c;
    c.kind = "study_abroad";
    c.by = by;
    c.student = s;
    return c;
  }
  static OpenCase returning(const Student& s, const std::string& to_school, int grade) {
    OpenCase c;
    c.kind = "return_from_abroad";
    c.by = to_school;
    c.student = s;
    c.fields["to_school"] = to_school;
    c.fields["grade"] = std::to_string(grade);
    return c;
  }
  // The last event of a run that must succeed.
  CaseEvent approve(const std::string& step, const std::string& org, const char* when) {
    auto done = run(DecideStep{step, org, "approve", ""}, at(when));
    EXPECT_TRUE(done.ok()) << (done.ok() ? "" : done.error().message);
    return done.ok() ? done->back() : CaseEvent{};
  }
};

TEST_F(StudyAbroad, TheSchoolHandsOverAndTheCountyKeepsTheRecordAbroad) {
  Student li = student("4501020001", 5);
  auto opened = open(going(li, "4501020001"), at("2025-10-09T10:00:00+08:00"));
  ASSERT_EQ(opened.size(), 2u);
  EXPECT_EQ(opened[1].step, "school");
  EXPECT_EQ(opened[1].org, "4501020001");
  // 10 working days, the neighbours' default; Saturday 11 October is a
  // make-up working day (调休上班).
  EXPECT_EQ(opened[1].due, day("2025-10-22"));
  approve("school", "4501020001", "2025-10-10T10:00:00+08:00");
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(state_.active()->plan.org, "450102");  // the county that keeps the record
  const CaseEvent done = approve("county", "450102", "2025-10-13T10:00:00+08:00");
  EXPECT_EQ(done.outcome, "approved");
  EXPECT_EQ(done.student_status, "abroad");
  auto effect = student_effect(done, state_);
  ASSERT_TRUE(effect.has_value());
  ASSERT_TRUE(apply_student_change(li, *effect).ok());
  EXPECT_EQ(li.status, StudentStatus::abroad);
  EXPECT_EQ(li.school, "4501020001");  // the school it left; the county keeps it
  EXPECT_EQ(li.grade, 5);
}

TEST_F(StudyAbroad, OnlyAnEnrolledStudentGoesAbroad) {
  for (StudentStatus status :
       {StudentStatus::on_leave, StudentStatus::abroad, StudentStatus::transfer_pending,
        StudentStatus::graduated, StudentStatus::withdrawn}) {
    auto refused =
        run(going(student("4501020001", 5, status), "4501020001"), at("2025-10-09T10:00:00+08:00"));
    ASSERT_FALSE(refused.ok()) << to_string(status);
    EXPECT_EQ(refused.error().code, "rule_refused");
    EXPECT_NE(refused.error().message.find("the student is " + std::string(to_string(status))),
              std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("(Art. 20)"), std::string::npos);
    EXPECT_EQ(state_.status, CaseStatus::none);  // nothing opened
  }
}

TEST_F(StudyAbroad, OnlyAStudentAbroadReturns) {
  for (StudentStatus status : {StudentStatus::enrolled, StudentStatus::on_leave,
                               StudentStatus::graduated, StudentStatus::deceased}) {
    auto refused = run(returning(student("4401030001", 4, status), "4401030002", 4),
                       at("2026-03-02T10:00:00+08:00"));
    ASSERT_FALSE(refused.ok()) << to_string(status);
    EXPECT_EQ(refused.error().code, "rule_refused");
    EXPECT_NE(refused.error().message.find("only a student studying abroad can return"),
              std::string::npos)
        << refused.error().message;
    EXPECT_EQ(state_.status, CaseStatus::none);
  }
}

TEST_F(StudyAbroad, TheSchoolItLeftTakesItBackInTheGradeItLeftInByTheNationalDefault) {
  // Guangdong has no rule of its own: the school places by the learning record.
  Student chen = student("4401030001", 4, StudentStatus::abroad);
  open(returning(chen, "4401030001", 4), at("2026-03-09T10:00:00+08:00"));
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(state_.active()->plan.step, "receiving_county");
  EXPECT_EQ(state_.active()->plan.org, "440103");
  const CaseEvent done = approve("receiving_county", "440103", "2026-03-10T10:00:00+08:00");
  EXPECT_EQ(done.student_status, "enrolled");
  EXPECT_EQ(done.school, "4401030001");
  EXPECT_EQ(done.record.at("grade"), "4");
  EXPECT_EQ(done.informed_org, "440103");  // the county that kept it
  auto effect = student_effect(done, state_);
  ASSERT_TRUE(effect.has_value());
  ASSERT_TRUE(apply_student_change(chen, *effect).ok());
  EXPECT_EQ(chen.status, StudentStatus::enrolled);
  EXPECT_EQ(chen.grade, 4);
}

TEST_F(StudyAbroad, AnotherSchoolReceivesItAndItsCountyApproves) {
  Student li = student("4501020001", 5, StudentStatus::abroad);  // born 2013-09-15
  open(returning(li, "4501030002", 6), at("2026-03-02T10:30:00+08:00"));
  EXPECT_EQ(state_.active()->plan.org, "450103");
  const CaseEvent done = approve("receiving_county", "450103", "2026-03-04T10:00:00+08:00");
  EXPECT_EQ(done.informed_org, "450102");  // the county that kept it is told
  auto effect = student_effect(done, state_);
  ASSERT_TRUE(effect.has_value());
  ASSERT_TRUE(apply_student_change(li, *effect).ok());
  EXPECT_EQ(li.school, "4501030002");
  EXPECT_EQ(li.grade, 6);
  EXPECT_EQ(li.status, StudentStatus::enrolled);
}

TEST_F(StudyAbroad, GuangxiPlacesAReturningStudentByAge) {
  // Guangxi: the grade of the age (6 in the school year 2025-26 for a boy
  // born 2013-09-15) or one below; a primary school teaches no grade 7.
  const Student li = student("4501020001", 5, StudentStatus::abroad);
  const Instant when = at("2026-03-02T10:00:00+08:00");
  for (int grade : {4, 7}) {
    auto refused = run(returning(li, grade == 7 ? "4501030003" : "4501030002", grade), when);
    ASSERT_FALSE(refused.ok()) << grade;
    EXPECT_EQ(refused.error().code, "rule_refused");
  }
  auto low = run(returning(li, "4501030002", 4), when);
  EXPECT_NE(low.error().message.find(
                "by 450000's rule, the grade of their age, 6 (born 2013-09-15): grades 5 "
                "to 6, not 4 (Art. 20)"),
            std::string::npos)
      << low.error().message;
  EXPECT_NE(low.error().message.find("Art. 20"), std::string::npos);
  auto untaught = run(returning(li, "4501030002", 7), when);
  ASSERT_FALSE(untaught.ok());
  EXPECT_NE(untaught.error().message.find("Art. 2"), std::string::npos) << untaught.error().message;
  // Grade 5, the grade he left in, is one below his age: a placement.
  open(returning(li, "4501030002", 5), when);
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST(ReturnPlacement, TheGradeOfTheAgeCountsOnTheProvincesCutOffAndPromotion) {
  SchoolYearRule guangxi{"450000", {8, 28}, {8, 28}, {{8, 31}, false}};
  const Date born = *Date::parse("2013-09-15");  // six on 2019-09-15: enters 2020
  EXPECT_EQ(grade_of_age(born, *Date::parse("2026-03-02"), guangxi), 6);
  EXPECT_EQ(grade_of_age(born, *Date::parse("2026-08-27"), guangxi), 6);
  EXPECT_EQ(grade_of_age(born, *Date::parse("2026-08-28"), guangxi), 7);
  // Six on the cut-off day itself enters that year.
  EXPECT_EQ(grade_of_age(*Date::parse("2013-08-31"), *Date::parse("2026-03-02"), guangxi), 7);
  ReturnPlacement by_age{ReturnPlacement::Basis::age, 1, 0};
  EXPECT_TRUE(by_age.check(5, born, *Date::parse("2026-03-02"), guangxi).ok());
  EXPECT_FALSE(by_age.check(7, born, *Date::parse("2026-03-02"), guangxi).ok());
  EXPECT_TRUE(ReturnPlacement{}.check(1, born, *Date::parse("2026-03-02"), guangxi).ok());
}

TEST(ReturnPlacement, AnOverlayPlacesOnlyForAKindThatPlacesAndByAKnownBasis) {
  auto shipped = load_rules(project_path("workflows"));
  ASSERT_TRUE(shipped.ok()) << shipped.error().message;
  const CaseKindRules* national = shipped->find("return_from_abroad", "440000");
  ASSERT_NE(national, nullptr);
  ASSERT_TRUE(national->return_grade.has_value());
  EXPECT_EQ(to_string(*national->return_grade), "by school");
  const CaseKindRules* guangxi = shipped->find("return_from_abroad", "450000");
  ASSERT_NE(guangxi, nullptr);
  EXPECT_EQ(to_string(*guangxi->return_grade), "by age, 1 below to 0 above");

  const std::string resume = R"(kind: resume
title: 复学
initiators: [school]
steps:
  - {step: school, party: school, deadline: {working_days: 10}}
)";
  auto wrong_kind =
      load_rules({RuleSource{"national/resume.yaml", resume},
                  RuleSource{"provinces/330000/resume.yaml",
                             "province: \"330000\"\nkind: resume\nreturn_grade: {by: age}\n"}});
  ASSERT_FALSE(wrong_kind.ok());
  EXPECT_NE(wrong_kind.error().message.find("places no returning student"), std::string::npos)
      << wrong_kind.error().message;
  auto bad_basis =
      load_rules({RuleSource{"national/resume.yaml", resume + "return_grade: {by: lottery}\n"}});
  ASSERT_FALSE(bad_basis.ok());
  EXPECT_NE(bad_basis.error().message.find("needs on_approval to set grade"), std::string::npos)
      << bad_basis.error().message;
}

TEST(AbroadPeriods, PairTheStatusRowsIntoAndOutOfAbroad) {
  auto row = [](const char* from, const char* to, const char* source, const char* when) {
    return HistoryEntry{1, FieldChange{"status", from, to}, source, at(when)};
  };
  std::vector<HistoryEntry> history = {
      row("enrolled", "abroad", "C1", "2025-10-13T10:00:00+08:00"),
      HistoryEntry{2, FieldChange{"grade", "5", "6"}, "C2", at("2026-03-04T10:00:00+08:00")},
      row("abroad", "enrolled", "C2", "2026-03-04T10:00:00+08:00"),
      row("enrolled", "abroad", "C3", "2026-07-10T10:00:00+08:00")};
  auto periods = abroad_periods(history);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].from, at("2025-10-13T10:00:00+08:00"));
  ASSERT_TRUE(periods[0].to.has_value());
  EXPECT_EQ(*periods[0].to, at("2026-03-04T10:00:00+08:00"));
  EXPECT_EQ(periods[0].left_by, "C1");
  EXPECT_EQ(periods[0].returned_by, "C2");
  EXPECT_EQ(periods[0].returned_as, "enrolled");
  EXPECT_FALSE(periods[1].to.has_value());  // still abroad
  EXPECT_EQ(periods[1].returned_by, "");
}

}  // namespace
}  // namespace xueji::test
