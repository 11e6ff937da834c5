// The kinds that change the record itself: what each may propose, what its
// approval writes, and the compare-and-set its write rests on (Art. 7, 13,
// 14, 19).

#include <gtest/gtest.h>

#include "engine/case/student_effect.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

const Instant kOpened = at("2026-03-02T10:00:00+08:00");

class RecordChanges : public CaseFixture {
 protected:
  Error refused(OpenCase command) {
    auto r = run(command, kOpened);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(state_.status, CaseStatus::none);  // nothing opened
    return r.ok() ? Error{} : r.error();
  }
  void approve_all() {
    Instant now = kOpened;
    while (const StepState* step = state_.active()) {
      now = now.plus_seconds(3600);
      auto r = run(DecideStep{step->plan.step, step->holder, "approve", ""}, now);
      ASSERT_TRUE(r.ok()) << r.error().message;
    }
    ASSERT_EQ(state_.outcome, "approved");
  }
  std::optional<StudentEffect> completion_effect() const {
    return student_effect(history_.back(), state_);
  }
};

TEST_F(RecordChanges, AGradeChangeIsOneGradeInsideTheStage) {
  const Student s = student("4401040001", 5);
  EXPECT_EQ(refused({"grade_change", "4401040001", {{"grade", "3"}}, s, ""}).code, "rule_refused");
  EXPECT_EQ(refused({"grade_change", "4401040001", {{"grade", "5"}}, s, ""}).code, "invalid_field");
  EXPECT_EQ(refused({"grade_change", "4401040001", {{"grade", "13"}}, s, ""}).code,
            "invalid_field");
  const Error stage =
      refused({"grade_change", "4401040001", {{"grade", "7"}}, student("4401040001", 6), ""});
  EXPECT_EQ(stage.code, "rule_refused");
  EXPECT_NE(stage.message.find("stage_handover"), std::string::npos) << stage.message;
  const Error other =
      refused({"grade_change", "4401040001", {{"grade", "4"}, {"name", "王五"}}, s, ""});
  EXPECT_EQ(other.code, "invalid_field");
  EXPECT_NE(other.message.find("'name'"), std::string::npos) << other.message;
}

TEST_F(RecordChanges, AnApprovedGradeChangeWritesTheGradeIfItStillHoldsTheOldOne) {
  Student s = student("4401040001", 5);
  open({"grade_change", "4401040001", {{"grade", "4"}}, s, ""}, kOpened);
  EXPECT_EQ(state_.record_before, (std::map<std::string, std::string>{{"grade", "5"}}));
  approve_all();
  auto effect = completion_effect();
  ASSERT_TRUE(effect.has_value());
  EXPECT_EQ(effect->fields, (std::map<std::string, std::string>{{"grade", "4"}}));
  EXPECT_EQ(effect->if_fields, (std::map<std::string, std::string>{{"grade", "5"}}));
  EXPECT_EQ(effect->status, "");
  Student record = s;
  ASSERT_TRUE(apply_student_change(record, *effect).ok());
  EXPECT_EQ(record.grade, 4);
  // A promotion moved the grade on while the case was open: the approval no
  // longer fits, and the record is not written back.
  Student promoted = s;
  promoted.grade = 6;
  const Status changed = apply_student_change(promoted, *effect);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().code, "student_changed");
  EXPECT_EQ(promoted.grade, 6);
}

TEST_F(RecordChanges, AnInfoChangeGoesToTheCountyForABaseField) {
  const Student s = student("4401040001", 5);
  open({"info_change", "guardian", {{"name", "李晓明"}}, s, ""}, kOpened);
  ASSERT_EQ(state_.steps.size(), 2u);  // Art. 13: the school, then the county
  EXPECT_EQ(state_.steps[0].plan.org, "4401040001");
  EXPECT_EQ(state_.steps[1].plan.org, "440104");
  approve_all();
  auto effect = completion_effect();
  ASSERT_TRUE(effect.has_value());
  Student record = s;
  ASSERT_TRUE(apply_student_change(record, *effect).ok());
  EXPECT_EQ(record.name, "李晓明");
  EXPECT_EQ(record.resident_id, s.resident_id);
}

TEST_F(RecordChanges, AnInfoChangeMustAgreeWithTheResidentId) {
  const Student s = student("4401040001", 5);  // born 2013-09-15, sequence 001: male
  EXPECT_EQ(refused({"info_change", "guardian", {}, s, ""}).code, "missing_field");
  EXPECT_EQ(refused({"info_change", "guardian", {{"name", s.name}}, s, ""}).code, "invalid_field");
  EXPECT_EQ(refused({"info_change", "guardian", {{"name", ""}}, s, ""}).code, "invalid_field");
  // A birth date the ID contradicts, and an ID whose birth date the record
  // contradicts: both refused, naming the disagreement.
  const Error date = refused({"info_change", "guardian", {{"birth_date", "2013-09-16"}}, s, ""});
  EXPECT_EQ(date.code, "invalid_field");
  EXPECT_NE(date.message.find("disagrees"), std::string::npos) << date.message;
  const std::string other_id = make_resident_id("440104", "20130916", "001");
  EXPECT_EQ(refused({"info_change", "guardian", {{"resident_id", other_id}}, s, ""}).code,
            "invalid_field");
  EXPECT_EQ(
      refused({"info_change", "guardian", {{"resident_id", "44010420130916001"}}, s, ""}).code,
      "invalid_field");
  // The ID and the birth date corrected together agree.
  open(
      {"info_change", "guardian", {{"resident_id", other_id}, {"birth_date", "2013-09-16"}}, s, ""},
      kOpened);
  EXPECT_EQ(state_.record_before.at("resident_id"), s.resident_id);
  EXPECT_EQ(state_.record_before.at("birth_date"), "2013-09-15");
}

TEST_F(RecordChanges, GraduationEndsAStageOneOfThreeWays) {
  const Student s = student("4401040001", 6);
  const Error other = refused({"graduation", "4401040001", {{"status", "deceased"}}, s, ""});
  EXPECT_EQ(other.code, "rule_refused");
  EXPECT_NE(other.message.find("Art. 19"), std::string::npos) << other.message;
  EXPECT_EQ(refused({"graduation", "4401040001", {}, s, ""}).code, "missing_field");
  open({"graduation", "4401040001", {{"status", "incomplete"}}, s, ""}, kOpened);
  approve_all();
  auto effect = completion_effect();
  ASSERT_TRUE(effect.has_value());
  EXPECT_EQ(effect->status, "incomplete");
  EXPECT_EQ(effect->if_fields, (std::map<std::string, std::string>{{"status", "enrolled"}}));
  Student record = s;
  ASSERT_TRUE(apply_student_change(record, *effect).ok());
  EXPECT_EQ(record.status, StudentStatus::incomplete);
  EXPECT_TRUE(is_closed(record.status));
}

TEST_F(RecordChanges, AHandoverTakesTheRecordIntoTheNextStageUnderTheSameNumber) {
  const Student s = student("4401040001", 6, StudentStatus::graduated);
  EXPECT_EQ(
      refused(
          {"stage_handover", "4401000001", {{"to_school", "4401000001"}, {"grade", "8"}}, s, ""})
          .code,
      "rule_refused");
  EXPECT_EQ(refused({"stage_handover",
                     "4401000001",
                     {{"to_school", "4401000001"}, {"grade", "7"}},
                     student("4401040001", 6),
                     ""})
                .code,
            "rule_refused");  // Art. 14: only after the stage ended
  open({"stage_handover", "4401000001", {{"to_school", "4401000001"}, {"grade", "7"}}, s, ""},
       kOpened);
  ASSERT_EQ(state_.steps.size(), 1u);
  EXPECT_EQ(state_.steps[0].plan.org, "4401000001");
  EXPECT_EQ(state_.steps[0].plan.deadline.unit, Period::Unit::months);  // Art. 7: one month
  approve_all();
  auto effect = completion_effect();
  ASSERT_TRUE(effect.has_value());
  EXPECT_EQ(effect->registration_number, s.registration_number);
  Student record = s;
  ASSERT_TRUE(apply_student_change(record, *effect).ok());
  EXPECT_EQ(record.status, StudentStatus::enrolled);
  EXPECT_EQ(record.school, "4401000001");
  EXPECT_EQ(record.grade, 7);
  EXPECT_EQ(record.registration_number, s.registration_number);
}

TEST_F(RecordChanges, ARejectedChangeWritesNothing) {
  const Student s = student("4401040001", 5);
  open({"grade_change", "4401040001", {{"grade", "6"}}, s, ""}, kOpened);
  const StepState* step = state_.active();
  ASSERT_TRUE(run(DecideStep{step->plan.step, step->holder, "reject", "成绩不够"}, kOpened).ok());
  EXPECT_EQ(state_.outcome, "rejected");
  EXPECT_FALSE(completion_effect().has_value());
}

}  // namespace
}  // namespace xueji::test
