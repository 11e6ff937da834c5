// The termly check (Art. 25) and the dropout follow-up it opens (Art. 17):
// a school's own case, its window counted on its province's calendar and
// escalated when missed; a follow-up its county must close.

#include <gtest/gtest.h>

#include "engine/case/roster_fields.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using RosterCheck = CaseFixture;

OpenCase check_of(const std::string& school, const std::string& term = "2026-2027-1") {
  return OpenCase{"roster_check", "440000", {{"school", school}, {"term", term}}, std::nullopt, ""};
}

TEST_F(RosterCheck, TheProvinceOpensASchoolsCheckAndTheSchoolConfirmsInItsWindow) {
  auto events = open(check_of("4401040001"), at("2026-03-02T10:00:00+08:00"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(state_.subject, "4401040001");
  EXPECT_EQ(state_.province, "440000");
  EXPECT_EQ(state_.opened_by, "440000");
  EXPECT_EQ(state_.student_school_before, "");  // no record of a student
  ASSERT_EQ(state_.steps.size(), 1u);
  EXPECT_EQ(state_.steps[0].plan.org, "4401040001");
  // 20 working days from Monday 2 March 2026, a month with no holiday.
  EXPECT_EQ(state_.steps[0].due, day("2026-03-30"));
  ASSERT_TRUE(run(DecideStep{"school", "4401040001", "approve", "not attending: none"},
                  at("2026-03-20T10:00:00+08:00"))
                  .ok());
  EXPECT_EQ(state_.status, CaseStatus::closed);
  EXPECT_EQ(state_.outcome, "approved");
  // Nothing is written to any record.
  EXPECT_EQ(history_.back().student_status, "");
  EXPECT_TRUE(history_.back().record.empty());
}

TEST_F(RosterCheck, ASchoolThatMissesItsWindowIsEscalatedToItsCountyThenOnUp) {
  open(check_of("4401040001"), at("2026-03-02T10:00:00+08:00"));
  auto fired = run_timers_until(at("2026-04-30T00:00:00+08:00"));
  std::vector<std::string> chain;
  for (const auto& e : fired) {
    if (e.type == CaseEventType::escalated) chain.push_back(e.to_org);
  }
  // Art. 25, 26: the county first, then the city and the province.
  ASSERT_GE(chain.size(), 2u);
  EXPECT_EQ(chain[0], "440104");
  EXPECT_EQ(chain[1], "440100");
  // The county may confirm for the school it holds the step of.
  EXPECT_TRUE(
      run(DecideStep{"school", "440104", "approve", ""}, at("2026-04-30T10:00:00+08:00")).ok());
}

TEST_F(RosterCheck, BadOpeningsAreRefusedNamingWhatIsWrong) {
  auto by_county = run(OpenCase{"roster_check",
                                "440104",
                                {{"school", "4401040001"}, {"term", "2026-2027-1"}},
                                std::nullopt,
                                ""},
                       at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(by_county.ok());
  EXPECT_EQ(by_county.error().code, "not_initiator");
  auto bad_term = run(check_of("4401040001", "2026-2028-1"), at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(bad_term.ok());
  EXPECT_EQ(bad_term.error().code, "invalid_field");
  EXPECT_NE(bad_term.error().message.find("term '2026-2028-1'"), std::string::npos);
  auto county = run(check_of("440104"), at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(county.ok());
  EXPECT_EQ(county.error().message, "school '440104' is not a known school");
  auto no_school =
      run(OpenCase{"roster_check", "440000", {{"term", "2026-2027-1"}}, std::nullopt, ""},
          at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(no_school.ok());
  EXPECT_EQ(no_school.error().code, "missing_field");
  OpenCase of_student = check_of("4401040001");
  of_student.student = student("4401040001", 3);
  auto student_given = run(of_student, at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(student_given.ok());
  EXPECT_EQ(student_given.error().code, "rule_refused");
  // A student's case naming a school is refused: the school would pick
  // its parties.
  auto stray = run(OpenCase{"deferral",
                            "450102",
                            {{"household_county", "450102"}, {"school", "4401040001"}},
                            std::nullopt,
                            make_resident_id("450102", "20200301")},
                   at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().message,
            "a deferral case takes no 'school' (only a school's own case, a roster_check, names "
            "one)");
  EXPECT_EQ(state_.status, CaseStatus::none);
}

TEST_F(RosterCheck, TermsAndFindingsAreCheckedByTheirForm) {
  EXPECT_TRUE(check_school_term("2026-2027-2").ok());
  for (const char* bad : {"2026-2027-3", "2026-2026-1", "2026/2027-1", "26-27-1", "2026-2027-1 "}) {
    EXPECT_FALSE(check_school_term(bad).ok()) << bad;
  }
  for (const auto& finding : finding_names()) EXPECT_TRUE(check_finding(finding).ok());
  auto bad = check_finding("truant");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "finding 'truant' is not one of dropped_out, separated, empty_record (Art. 17, 25)");
}

using DropoutFollowUp = CaseFixture;

TEST_F(DropoutFollowUp, TheCountyHoldsTheFollowUpTheSchoolOpened) {
  open(OpenCase{"dropout_follow_up",
                "4401040001",
                {{"finding", "dropped_out"}, {"term", "2026-2027-1"}},
                student("4401040001", 5),
                ""},
       at("2026-03-02T10:00:00+08:00"));
  ASSERT_EQ(state_.steps.size(), 1u);
  EXPECT_EQ(state_.steps[0].plan.org, "440104");
  EXPECT_EQ(state_.steps[0].due, day("2026-03-30"));
  ASSERT_TRUE(run(DecideStep{"county", "440104", "approve", "returned to class 2026-03-16"},
                  at("2026-03-16T10:00:00+08:00"))
                  .ok());
  EXPECT_EQ(state_.outcome, "approved");
  EXPECT_EQ(history_.back().student_status, "");  // the record is untouched
}

TEST_F(DropoutFollowUp, OnlyAnEnrolledStudentWithAKnownFindingIsFollowedUp) {
  auto on_leave = run(OpenCase{"dropout_follow_up",
                               "4401040001",
                               {{"finding", "separated"}},
                               student("4401040001", 5, StudentStatus::on_leave),
                               ""},
                      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(on_leave.ok());
  EXPECT_EQ(on_leave.error().code, "rule_refused");
  EXPECT_NE(on_leave.error().message.find("(Art. 25)"), std::string::npos);
  auto unknown = run(
      OpenCase{
          "dropout_follow_up", "4401040001", {{"finding", "truant"}}, student("4401040001", 5), ""},
      at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "invalid_field");
  auto none = run(OpenCase{"dropout_follow_up", "4401040001", {}, student("4401040001", 5), ""},
                  at("2026-03-02T10:00:00+08:00"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "missing_field");
  EXPECT_EQ(state_.status, CaseStatus::none);
}

// Art. 12, 17: only an open follow-up resting on the school the record
// left ends when a transfer moves it; any other case refuses, unchanged.
TEST_F(DropoutFollowUp, ATransferMovingTheRecordEndsItAndNothingElse) {
  open(OpenCase{"dropout_follow_up",
                "4401040001",
                {{"finding", "separated"}},
                student("4401040001", 5),
                ""},
       at("2026-03-02T10:00:00+08:00"));
  auto elsewhere =
      run(RecordFollowed{"4401030001", "4401030002", "t9"}, at("2026-03-05T10:00:00+08:00"));
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, "stale_follow_up");
  EXPECT_EQ(state_.status, CaseStatus::open);
  auto ended =
      run(RecordFollowed{"4401040001", "4401030002", "t9"}, at("2026-03-05T10:00:00+08:00"));
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_EQ(state_.outcome, "superseded");
  EXPECT_EQ(history_.back().note,
            "the record followed the student to school 4401030002 by case t9");
  EXPECT_EQ(history_.back().student_status, "");  // nothing written to the record
}

TEST_F(RosterCheck, AnotherKindDoesNotEndWhenTheRecordMoves) {
  open(OpenCase{"grade_change", "4401040001", {{"grade", "4"}}, student("4401040001", 5), ""},
       at("2026-03-02T10:00:00+08:00"));
  auto refused =
      run(RecordFollowed{"4401040001", "4401030002", "t9"}, at("2026-03-05T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "stale_follow_up");
  EXPECT_EQ(state_.status, CaseStatus::open);
}

}  // namespace
}  // namespace xueji::test
