// A case whose record moved on under it ends as superseded (student_effect.h):
// the decision whose effect the record refused is still recorded, and a
// leave in its term ends early when the record closes (a death, Art. 21).

#include <gtest/gtest.h>

#include "engine/case/decider.h"
#include "engine/case/notice.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using SupersedeTest = CaseFixture;

TEST_F(SupersedeTest, TheRefusedDecisionIsRecordedBeforeTheCaseIsSuperseded) {
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = student("4501020001", 5);
  open(c, at("2025-09-26T10:00:00+08:00"));
  ASSERT_TRUE(run(DecideStep{"sending_school", "4501020001", "approve", ""},
                  at("2025-09-29T10:00:00+08:00"))
                  .ok());
  ASSERT_TRUE(
      run(DecideStep{"sending_county", "450102", "approve", ""}, at("2025-09-30T10:00:00+08:00"))
          .ok());
  // The last party approves; the journal refuses the transfer's write (the
  // student died meanwhile): the case is superseded with that refusal.
  const Instant now = at("2025-10-09T10:00:00+08:00");
  auto last =
      decide(state_, DecideStep{"receiving_county", "450103", "approve", "同意"}, now, context());
  ASSERT_TRUE(last.ok()) << last.error().message;
  ASSERT_EQ(last->back().outcome, "approved");
  auto superseded = run(SupersedeCase{"student is now deceased", *last}, now);
  ASSERT_TRUE(superseded.ok()) << superseded.error().message;
  ASSERT_EQ(superseded->size(), 2u);
  EXPECT_EQ((*superseded)[0].type, CaseEventType::decided);
  EXPECT_EQ((*superseded)[1].outcome, "superseded");
  EXPECT_EQ((*superseded)[1].note, "student is now deceased");
  // Superseded changes nothing on the record: no school, no status.
  EXPECT_EQ((*superseded)[1].school, "");
  EXPECT_EQ((*superseded)[1].student_status, "");
  const StepState* step = state_.find_step("receiving_county");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->status, StepStatus::approved);
  EXPECT_EQ(step->decided_by, "450103");
  EXPECT_EQ(step->decision, "approve");
  EXPECT_EQ(state_.outcome, "superseded");
  EXPECT_EQ(state_.status, CaseStatus::closed);
}

TEST_F(SupersedeTest, WithNothingRefusedOnlyTheCompletionIsWritten) {
  OpenCase c;
  c.kind = "transfer";
  c.by = "4501030002";
  c.fields["to_school"] = "4501030002";
  c.student = student("4501020001", 5);
  open(c, at("2025-09-26T10:00:00+08:00"));
  auto superseded =
      run(SupersedeCase{"the record of it is closed"}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(superseded.ok());
  ASSERT_EQ(superseded->size(), 1u);
  EXPECT_EQ(superseded->front().outcome, "superseded");
  EXPECT_EQ(state_.find_step("sending_school")->status, StepStatus::cancelled);
}

TEST_F(SupersedeTest, ADeathEndsALeaveInItsTerm) {
  OpenCase c;
  c.kind = "leave";
  c.by = "guardian";
  c.fields["months"] = "6";
  c.student = student("4401030001", 4);
  open(c, at("2025-09-01T10:00:00+08:00"));
  ASSERT_TRUE(
      run(DecideStep{"school", "4401030001", "approve", ""}, at("2025-09-02T10:00:00+08:00")).ok());
  ASSERT_TRUE(
      run(DecideStep{"county", "440103", "approve", ""}, at("2025-09-03T10:00:00+08:00")).ok());
  ASSERT_EQ(state_.status, CaseStatus::in_term);
  const Instant now = at("2025-11-10T15:00:00+08:00");
  auto ended = run(SupersedeCase{"the record of G1 was closed by case c9"}, now);
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  ASSERT_EQ(ended->size(), 1u);
  const CaseEvent& e = ended->front();
  EXPECT_EQ(e.type, CaseEventType::term_ended);
  EXPECT_EQ(e.at, now);  // now, not at the term's planned end
  EXPECT_EQ(e.org, "4401030001");
  EXPECT_EQ(state_.status, CaseStatus::closed);
  EXPECT_EQ(state_.outcome, "approved");          // the leave was approved; its term is over
  EXPECT_FALSE(state_.next_timer().has_value());  // no term-end notice will follow
  // The school is told the term ended early and why, not asked to act.
  const auto notices = notices_for(state_.id, 9, e, state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].text.find("ended early"), std::string::npos);
  EXPECT_NE(notices[0].text.find("closed by case c9"), std::string::npos);
  // A case already closed is not superseded again.
  auto again = run(SupersedeCase{"again"}, now);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "case_closed");
}

}  // namespace
}  // namespace xueji::test
