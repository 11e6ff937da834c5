// Leave to its end (Art. 16): a leave opened while on leave is a renewal, a
// new leave whose term continues the current one's, the older ending without
// a gap; at a term's end the school has a review step, met by opening a
// resume or a renewal and escalating when left undone, so the record never
// hangs on leave with nothing to follow (空挂, Art. 25).

#include <gtest/gtest.h>

#include "engine/case/leave_follow_up.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

std::vector<std::string> types_of(const std::vector<CaseEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.emplace_back(to_string(e.type));
  return out;
}

class LeaveRenewal : public CaseFixture {
 protected:
  // Runs `command` on `c` (another case than the fixture's), folding it in.
  Result<std::vector<CaseEvent>> run_on(CaseState& c, const CaseCommand& command, Instant now) {
    auto events = decide(c, command, now, context());
    if (events) {
      for (const auto& e : *events) c = evolve(std::move(c), e);
    }
    return events;
  }

  // A case of `kind` for the student now on leave; a leave renews the
  // fixture's case (as the caller finds it with leave_to_renew()).
  OpenCase on_leave(const std::string& kind) {
    OpenCase c{kind, "guardian", {}, student("4401030001", 4, StudentStatus::on_leave), ""};
    if (kind == "leave") {
      auto current = leave_to_renew({state_});
      EXPECT_TRUE(current.has_value());
      if (current) {
        c.renews_case = current->case_id;
        c.renews_term_ends = current->term_ends;
      }
      c.fields["months"] = "6";
    }
    return c;
  }
};

TEST_F(LeaveRenewal, ARenewalWhileOnLeaveContinuesTheTermAndEndsTheOlderWithoutAGap) {
  approved_leave();
  CaseState renewal;
  renewal.id = "c2";
  auto opened = run_on(renewal, on_leave("leave"), at("2026-02-10T10:00:00+08:00"));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(renewal.fields.at("renews"), "c1");
  EXPECT_EQ(renewal.effects.term_from, day("2026-03-03"));
  // Opening follows nothing up while the older leave is still in its term.
  auto follow = leave_follow_up(false, renewal, *opened);
  ASSERT_TRUE(follow.has_value());
  EXPECT_FALSE(follow->approved);
  auto nothing = run(*follow, at("2026-02-10T10:00:00+08:00"));
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.error().code, "stale_follow_up");

  ASSERT_TRUE(run_on(renewal, DecideStep{"school", "4401030001", "approve", ""},
                     at("2026-02-11T10:00:00+08:00"))
                  .ok());
  auto approved = run_on(renewal, DecideStep{"county", "440103", "approve", ""},
                         at("2026-02-12T10:00:00+08:00"));
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  const CaseEvent& done = approved->back();
  // The record stays on leave (not changed to itself) and the term runs six
  // months from the older one's end, not from this approval.
  EXPECT_EQ(done.student_status, "");
  EXPECT_EQ(*done.term_ends, at("2026-09-03T00:00:00+08:00"));
  EXPECT_EQ(renewal.status, CaseStatus::in_term);

  // The approval ends the older leave now, with no review: the renewal is
  // the student's leave from here.
  follow = leave_follow_up(false, renewal, *approved);
  ASSERT_TRUE(follow.has_value());
  EXPECT_TRUE(follow->approved);
  auto ended = run(*follow, at("2026-02-12T10:00:00+08:00"));
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  ASSERT_EQ(types_of(*ended), std::vector<std::string>{"term_ended"});
  EXPECT_EQ(ended->front().note, "renewed by case c2");
  EXPECT_EQ(state_.status, CaseStatus::closed);
  EXPECT_FALSE(state_.next_timer().has_value());
  // The student's leave to renew next is the renewal.
  auto next = leave_to_renew({state_, renewal});
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->case_id, "c2");
}

TEST_F(LeaveRenewal, OnLeaveWithNoLeaveToRenewIsRefused) {
  OpenCase c{"leave", "guardian", {}, student("4401030001", 4, StudentStatus::on_leave), ""};
  auto refused = run(c, at("2026-02-10T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "rule_refused");
  EXPECT_NE(refused.error().message.find("Art. 16"), std::string::npos);
  EXPECT_EQ(state_.status, CaseStatus::none);
}

TEST_F(LeaveRenewal, TheTermsEndGivesTheSchoolAReviewThatAResumeMeets) {
  approved_leave();
  const auto fired = run_timers_until(at("2026-03-03T00:00:00+08:00"));
  ASSERT_EQ(types_of(fired), (std::vector<std::string>{"term_ended", "step_activated"}));
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(state_.active()->plan.step, "term_end_review");
  EXPECT_EQ(state_.active()->holder, "4401030001");
  EXPECT_EQ(*state_.active()->due, day("2026-03-17"));  // 10 working days
  EXPECT_TRUE(in_term_end_review(state_));
  // Not answered by a decision or a withdrawal on the leave itself.
  auto decided = run(DecideStep{"term_end_review", "4401030001", "approve", ""},
                     at("2026-03-04T10:00:00+08:00"));
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.error().code, "rule_refused");
  ASSERT_FALSE(run(WithdrawCase{"guardian"}, at("2026-03-04T10:00:00+08:00")).ok());

  CaseState resume;
  resume.id = "c3";
  auto opened = run_on(resume, on_leave("resume"), at("2026-03-05T10:00:00+08:00"));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto follow = leave_follow_up(false, resume, *opened);
  ASSERT_TRUE(follow.has_value());
  auto met = run(*follow, at("2026-03-05T10:00:00+08:00"));
  ASSERT_TRUE(met.ok()) << met.error().message;
  ASSERT_EQ(types_of(*met), (std::vector<std::string>{"decided", "completed"}));
  EXPECT_EQ(met->front().note, "resume case c3 opened");
  // The leave closes with its term, the record untouched by it (the resume
  // changes it), and nothing left to escalate.
  EXPECT_EQ(met->back().student_status, "");
  EXPECT_EQ(state_.status, CaseStatus::closed);
  EXPECT_EQ(state_.term_ends, at("2026-03-03T00:00:00+08:00"));
  EXPECT_FALSE(state_.next_timer().has_value());
}

TEST_F(LeaveRenewal, ARenewalAfterTheTermEndedMeetsTheReviewAndLeavesNoGap) {
  approved_leave();
  run_timers_until(at("2026-03-03T00:00:00+08:00"));
  ASSERT_TRUE(in_term_end_review(state_));
  CaseState renewal;
  renewal.id = "c2";
  auto opened = run_on(renewal, on_leave("leave"), at("2026-03-06T10:00:00+08:00"));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto met = run(*leave_follow_up(false, renewal, *opened), at("2026-03-06T10:00:00+08:00"));
  ASSERT_TRUE(met.ok()) << met.error().message;
  EXPECT_EQ(state_.status, CaseStatus::closed);
  // Approved later, the renewal's term still counts from 3 March.
  ASSERT_TRUE(run_on(renewal, DecideStep{"school", "4401030001", "approve", ""},
                     at("2026-03-10T10:00:00+08:00"))
                  .ok());
  auto approved = run_on(renewal, DecideStep{"county", "440103", "approve", ""},
                         at("2026-03-12T10:00:00+08:00"));
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(*approved->back().term_ends, at("2026-09-03T00:00:00+08:00"));
}

TEST_F(LeaveRenewal, AReviewLeftUndoneEscalatesToTheCountyThenOnUp) {
  approved_leave();
  const auto fired = run_timers_until(at("2026-04-30T00:00:00+08:00"));
  std::vector<std::string> chain;
  for (const auto& e : fired) {
    if (e.type == CaseEventType::escalated) chain.push_back(e.to_org);
  }
  ASSERT_GE(chain.size(), 2u);
  EXPECT_EQ(chain[0], "440103");  // the county
  EXPECT_EQ(chain[1], "440100");  // the city
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST_F(LeaveRenewal, OnlyACurrentLeaveIsRenewed) {
  approved_leave();
  CaseState closed = state_;
  closed.id = "old";
  closed.status = CaseStatus::closed;
  CaseState transfer;
  transfer.id = "t";
  transfer.status = CaseStatus::open;
  EXPECT_FALSE(leave_to_renew({closed, transfer}).has_value());
  auto found = leave_to_renew({closed, transfer, state_});
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->case_id, "c1");
  EXPECT_EQ(found->term_ends, at("2026-03-03T00:00:00+08:00"));
  OpenCase renewal;
  set_renewed_leave(renewal, {closed, transfer, state_});
  EXPECT_EQ(renewal.renews_case, "c1");
  // A follow-up is for a leave in its term only once approved, never for
  // the case that sends it nor for a case with no leave.
  EXPECT_FALSE(concerns(FollowUpLeave{"c2", "leave", false}, state_));
  EXPECT_TRUE(concerns(FollowUpLeave{"c2", "leave", true}, state_));
  EXPECT_FALSE(concerns(FollowUpLeave{"c1", "leave", true}, state_));
  EXPECT_FALSE(concerns(FollowUpLeave{"c2", "resume", true}, transfer));
}

// A follow-up is delivered again after a stop (engine/case/owed_follow_up.h):
// by then a later renewal may be in its term. A leave opened after the
// case the follow-up comes from is not its business, and refuses it.
TEST_F(LeaveRenewal, AFollowUpLeavesALeaveOpenedAfterItsCaseAlone) {
  approved_leave();
  ASSERT_TRUE(state_.opened_at.has_value());
  const Instant earlier = Instant::from_unix_seconds(state_.opened_at->unix_seconds() - 86400);
  const FollowUpLeave older{"c0", "leave", true, earlier};
  EXPECT_FALSE(concerns(older, state_));
  auto refused = run_on(state_, older, at("2026-02-10T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "stale_follow_up");
  EXPECT_EQ(state_.status, CaseStatus::in_term);
  // The same follow-up from a case opened with the leave or after it ends
  // the term, as before.
  const FollowUpLeave same{"c0", "leave", true, *state_.opened_at};
  EXPECT_TRUE(concerns(same, state_));
  auto ended = run_on(state_, same, at("2026-02-10T10:00:00+08:00"));
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_EQ(types_of(*ended), (std::vector<std::string>{"term_ended"}));
}

}  // namespace
}  // namespace xueji::test
