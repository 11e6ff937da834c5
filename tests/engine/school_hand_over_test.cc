// A school that merges or closes hands its open cases to its successor
// (Art. 12): the steps and fields that named it name the successor, the
// holder of the active step is told, its due date stays, and a transfer
// into a school that closed ends as superseded.

#include <gtest/gtest.h>

#include "engine/case/decider.h"
#include "engine/case/notice.h"
#include "engine/case/school_hand_over.h"
#include "engine/case/step_statistics.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using SchoolHandOver = CaseFixture;

// A transfer from 4501020001 (兴宁区) to 4501030002 (青秀区), its first step
// at the sending school.
OpenCase transfer_out_of_4501020001() {
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = make_student("4501020001", 5);
  return c;
}

TEST_F(SchoolHandOver, AMergedSchoolsActiveStepPassesToItsSuccessorWithItsDueDate) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  const StepState* sending = state_.active();
  ASSERT_NE(sending, nullptr);
  ASSERT_EQ(sending->holder, "4501020001");
  const Date due = *sending->holder_due;
  const auto deadline = sending->holder_deadline;

  auto events = run(HandOverSchool{"4501020001", "4501020002", "4501020002", "merge"},
                    at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ(events->size(), 1u);
  const CaseEvent& e = events->front();
  EXPECT_EQ(e.type, CaseEventType::handed_over);
  EXPECT_EQ(e.from_org, "4501020001");
  EXPECT_EQ(e.to_org, "4501020002");
  EXPECT_EQ(e.step, "sending_school");
  EXPECT_EQ(e.due, due);

  const StepState* now_active = state_.active();
  ASSERT_NE(now_active, nullptr);
  EXPECT_EQ(now_active->holder, "4501020002");
  EXPECT_EQ(now_active->plan.org, "4501020002");
  EXPECT_EQ(now_active->holder_due, due);  // the time left, not a fresh period
  EXPECT_EQ(now_active->holder_deadline, deadline);
  // The records went to the successor, so the record rests there now.
  EXPECT_EQ(state_.student_school_before, "4501020002");
  // The county steps stay the county's: the successor is under the same one.
  EXPECT_EQ(state_.find_step("sending_county")->plan.org, "450102");

  // The successor decides as the sending school, and the case goes on.
  ASSERT_TRUE(run(DecideStep{"sending_school", "4501020002", "approve", ""},
                  at("2025-09-30T10:00:00+08:00"))
                  .ok());
  EXPECT_EQ(state_.active()->plan.step, "sending_county");

  // The successor is told, in one notice naming the step and its date.
  auto notices = notices_for(state_.id, 1, e, state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].org, "4501020002");
  EXPECT_EQ(notices[0].kind, "handed_over");
  EXPECT_EQ(notices[0].due, due.to_string());
  EXPECT_NE(notices[0].text.find("merged into 4501020002"), std::string::npos);
}

TEST_F(SchoolHandOver, TheOldSchoolCanNoLongerDecide) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  ASSERT_TRUE(run(HandOverSchool{"4501020001", "4501020002", "4501020002", "merge"},
                  at("2025-09-29T10:00:00+08:00"))
                  .ok());
  auto refused = decide(state_, DecideStep{"sending_school", "4501020001", "approve", ""},
                        at("2025-09-30T10:00:00+08:00"), context());
  ASSERT_FALSE(refused.ok());
}

TEST_F(SchoolHandOver, AReceivingSchoolThatMergesReceivesAsItsSuccessor) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  auto events = run(HandOverSchool{"4501030002", "4501030001", "4501030001", "merge"},
                    at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(events.ok()) << events.error().message;
  // Not the active step's holder: nothing of the step in the event.
  EXPECT_EQ(events->front().step, "");
  EXPECT_EQ(state_.fields.at("to_school"), "4501030001");
  EXPECT_EQ(state_.opened_by, "4501030001");  // the initiator, who may withdraw
  for (const auto& s : state_.steps) EXPECT_NE(s.plan.org, "4501030002") << s.plan.step;
  // The sending school still holds its step, and the student's record
  // rests where it did.
  EXPECT_EQ(state_.active()->holder, "4501020001");
  EXPECT_EQ(state_.student_school_before, "4501020001");
  // The successor is told though it holds nothing yet.
  auto notices = notices_for(state_.id, 1, events->front(), state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].org, "4501030001");
}

TEST_F(SchoolHandOver, ATransferIntoASchoolThatClosedEndsAsSuperseded) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  // Closed, its records kept by the department above it (450103).
  auto events =
      run(HandOverSchool{"4501030002", "450103", "", "close"}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_EQ(events->back().type, CaseEventType::completed);
  EXPECT_EQ(events->back().outcome, "superseded");
  EXPECT_NE(events->back().note.find("closed"), std::string::npos);
  // The pending transfer's hold on the record is given back.
  EXPECT_EQ(events->back().student_status, "enrolled");
  EXPECT_EQ(state_.status, CaseStatus::closed);
}

TEST_F(SchoolHandOver, AClosedSchoolsDepartmentActsForItAndItsRecordsStay) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  auto events =
      run(HandOverSchool{"4501020001", "450102", "", "close"}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_EQ(state_.active()->holder, "450102");
  EXPECT_EQ(state_.student_school_before, "4501020001");
  auto notices = notices_for(state_.id, 1, events->front(), state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].text.find("school 4501020001 closed"), std::string::npos);
}

TEST_F(SchoolHandOver, ACaseThatDoesNotNameTheSchoolRefusesAndAClosedOneToo) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  EXPECT_FALSE(names_school(state_, "4501020003"));
  auto refused = decide(state_, HandOverSchool{"4501020003", "4501020002", "4501020002", "merge"},
                        at("2025-09-29T10:00:00+08:00"), context());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "not_concerned");

  ASSERT_TRUE(run(WithdrawCase{"4501030002"}, at("2025-09-29T10:00:00+08:00")).ok());
  EXPECT_FALSE(names_school(state_, "4501020001"));
  auto closed = decide(state_, HandOverSchool{"4501020001", "4501020002", "4501020002", "merge"},
                       at("2025-09-30T10:00:00+08:00"), context());
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, "not_concerned");
}

TEST_F(SchoolHandOver, ALeaveInItsTermIsHandedOverWithItsReview) {
  approved_leave();  // at 4401030001, its term's org the school
  ASSERT_TRUE(names_school(state_, "4401030001"));
  const std::string county = orgs_->superior("4401030001")->code;
  // A school under the same county to merge into.
  std::string successor;
  for (const Org* o : orgs_->children(county)) {
    if (o->code != "4401030001" && o->school_type == orgs_->find("4401030001")->school_type) {
      successor = o->code;
    }
  }
  ASSERT_FALSE(successor.empty());
  ASSERT_TRUE(run(HandOverSchool{"4401030001", successor, successor, "merge"},
                  at("2025-10-09T10:00:00+08:00"))
                  .ok());
  EXPECT_EQ(state_.status, CaseStatus::in_term);
  EXPECT_EQ(state_.effects.term_org, successor);
  ASSERT_TRUE(state_.effects.term_review.has_value());
  EXPECT_EQ(state_.effects.term_review->org, successor);
}

TEST_F(SchoolHandOver, TheOpenStepIsCountedAtTheSuccessorFromNowOn) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  auto events = run(HandOverSchool{"4501020001", "4501020002", "4501020002", "merge"},
                    at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(events.ok());
  const StatisticsChanges changes = statistics_changes(*events, state_, context());
  int64_t at_old = 0, at_new = 0, at_county = 0;
  for (const auto& c : changes.open_steps) {
    if (c.scope == "4501020001") at_old += c.open;
    if (c.scope == "4501020002") at_new += c.open;
    if (c.scope == "450102") at_county += c.open;
  }
  EXPECT_EQ(at_old, -1);
  EXPECT_EQ(at_new, 1);
  EXPECT_EQ(at_county, 0);  // both under it: its figure stays
}

TEST_F(SchoolHandOver, TheSchoolsOwnTermlyCheckEndsWithIt) {
  open(OpenCase{"roster_check",
                "440000",
                {{"school", "4401040001"}, {"term", "2026-2027-1"}},
                std::nullopt,
                ""},
       at("2026-03-02T10:00:00+08:00"));
  ASSERT_TRUE(names_school(state_, "4401040001"));
  auto events =
      run(HandOverSchool{"4401040001", "440104", "", "close"}, at("2026-03-03T10:00:00+08:00"));
  ASSERT_TRUE(events.ok()) << events.error().message;
  EXPECT_EQ(events->back().outcome, "superseded");
  EXPECT_NE(events->back().note.find("its roster is 440104's"), std::string::npos)
      << events->back().note;
}

TEST_F(SchoolHandOver, ReplayGivesTheSameState) {
  open(transfer_out_of_4501020001(), at("2025-09-26T10:00:00+08:00"));
  ASSERT_TRUE(run(HandOverSchool{"4501020001", "4501020002", "4501020002", "merge"},
                  at("2025-09-29T10:00:00+08:00"))
                  .ok());
  EXPECT_EQ(replay(state_.id, history_), state_);
}

}  // namespace
}  // namespace xueji::test
