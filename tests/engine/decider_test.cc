// The case decider, kind by kind, on the shipped rules and demo tree.
// Demo codes: 兴宁区 450102 (schools 4501020001-3, the third a senior high),
// 青秀区 450103, 南宁市 450100, 广西 450000; 上城区 330102 in 杭州市 330100, 浙江 330000.

#include <gtest/gtest.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

std::vector<std::string> types(const std::vector<CaseEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.emplace_back(to_string(e.type));
  return out;
}

OpenCase transfer_of(const Student& s, const std::string& to_school) {
  OpenCase c;
  c.kind = "transfer";
  c.by = to_school;
  c.fields["to_school"] = to_school;
  c.student = s;
  return c;
}

using DeciderTest = CaseFixture;

TEST_F(DeciderTest, TransferApprovedByAllThreeParties) {
  const auto opened =
      open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  ASSERT_EQ(types(opened), (std::vector<std::string>{"opened", "step_activated"}));
  EXPECT_EQ(opened[0].rule_version, rules_->version());
  EXPECT_EQ(opened[0].effects.status_while_open, "transfer_pending");
  // Art. 15: 10 working days across National Day 2025.
  EXPECT_EQ(opened[1].step, "sending_school");
  EXPECT_EQ(opened[1].org, "4501020001");
  EXPECT_EQ(*opened[1].due, day("2025-10-16"));
  EXPECT_EQ(*opened[1].deadline, at("2025-10-17T00:00:00+08:00"));
  EXPECT_EQ(*opened[1].reminder_at, at("2025-10-14T00:00:00+08:00"));

  auto a = run(DecideStep{"sending_school", "4501020001", "approve", "同意"},
               at("2025-10-09T09:00:00+08:00"));
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_EQ(types(*a), (std::vector<std::string>{"decided", "step_activated"}));
  EXPECT_EQ((*a)[1].org, "450102");
  EXPECT_EQ(*(*a)[1].due, day("2025-10-22"));  // 10-11 is a make-up Saturday

  auto b =
      run(DecideStep{"sending_county", "450102", "approve", ""}, at("2025-10-10T09:00:00+08:00"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*b)[1].step, "receiving_county");
  EXPECT_EQ((*b)[1].org, "450103");
  EXPECT_EQ(*(*b)[1].due, day("2025-10-23"));

  auto c =
      run(DecideStep{"receiving_county", "450103", "approve", ""}, at("2025-10-13T09:00:00+08:00"));
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(types(*c), (std::vector<std::string>{"decided", "completed"}));
  EXPECT_EQ((*c)[1].outcome, "approved");
  EXPECT_EQ((*c)[1].school, "4501030002");
  EXPECT_EQ((*c)[1].student_status, "enrolled");
  EXPECT_EQ(state_.status, CaseStatus::closed);
  EXPECT_FALSE(state_.next_timer().has_value());
}

TEST_F(DeciderTest, TransferRejectedRestoresTheStudent) {
  open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  ASSERT_TRUE(run(DecideStep{"sending_school", "4501020001", "approve", ""},
                  at("2025-09-29T10:00:00+08:00"))
                  .ok());
  auto r = run(DecideStep{"sending_county", "450102", "reject", "材料不全"},
               at("2025-09-30T10:00:00+08:00"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(types(*r), (std::vector<std::string>{"decided", "completed"}));
  EXPECT_EQ((*r)[1].outcome, "rejected");
  EXPECT_EQ((*r)[1].student_status, "enrolled");
  EXPECT_EQ((*r)[1].school, "");
  EXPECT_EQ(state_.find_step("receiving_county")->status, StepStatus::cancelled);
}

TEST_F(DeciderTest, TransferWithdrawnOnlyByItsInitiator) {
  open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  auto wrong = run(WithdrawCase{"4501020001"}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "not_initiator");
  EXPECT_NE(wrong.error().message.find("4501030002"), std::string::npos);
  auto ok = run(WithdrawCase{"4501030002"}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[0].outcome, "withdrawn");
  EXPECT_EQ((*ok)[0].student_status, "enrolled");
  auto again = run(WithdrawCase{"4501030002"}, at("2025-09-30T10:00:00+08:00"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "case_closed");
}

TEST_F(DeciderTest, SilentSendingSchoolClimbsToTheMinistry) {
  open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  const auto fired = run_timers_until(at("2026-06-01T00:00:00+08:00"));
  ASSERT_EQ(types(fired), (std::vector<std::string>{"reminded", "escalated", "escalated",
                                                    "escalated", "escalated"}));
  EXPECT_EQ(fired[0].at, at("2025-10-14T00:00:00+08:00"));
  EXPECT_EQ(fired[0].org, "4501020001");
  // school -> county -> city -> province -> ministry, 5 working days each.
  const char* from[] = {"4501020001", "450102", "450100", "450000"};
  const char* to[] = {"450102", "450100", "450000", "000000"};
  const char* due[] = {"2025-10-23", "2025-10-30", "2025-11-06", "2025-11-13"};
  const char* when[] = {"2025-10-17T00:00:00+08:00", "2025-10-24T00:00:00+08:00",
                        "2025-10-31T00:00:00+08:00", "2025-11-07T00:00:00+08:00"};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(fired[i + 1].from_org, from[i]);
    EXPECT_EQ(fired[i + 1].to_org, to[i]);
    EXPECT_EQ(fired[i + 1].due->to_string(), due[i]);
    EXPECT_EQ(fired[i + 1].at, at(when[i]));
  }
  // The ministry is the top: nothing is armed after it.
  EXPECT_FALSE(fired[4].deadline.has_value());
  EXPECT_FALSE(state_.next_timer().has_value());
  // Every org on the chain may now decide; an outsider may not.
  auto outsider =
      run(DecideStep{"sending_school", "450103", "approve", ""}, at("2025-11-20T10:00:00+08:00"));
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, "wrong_party");
  auto county = run(DecideStep{"sending_school", "450102", "approve", "代为审核"},
                    at("2025-11-20T10:00:00+08:00"));
  ASSERT_TRUE(county.ok()) << county.error().message;
  EXPECT_EQ(state_.find_step("sending_school")->decided_by, "450102");
}

TEST_F(DeciderTest, DecisionBeforeTheDeadlineDisarmsItsTimer) {
  open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  const Instant old_deadline = *state_.active()->holder_deadline;
  ASSERT_TRUE(run(DecideStep{"sending_school", "4501020001", "approve", ""},
                  at("2025-10-09T09:00:00+08:00"))
                  .ok());
  // The timer armed for the old step is now stale and changes nothing.
  const CaseState before = state_;
  auto stale = run(DeadlineReached{"sending_school", old_deadline}, old_deadline);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "stale_timer");
  EXPECT_EQ(state_, before);
  auto early = run(DeadlineReached{"sending_county", *state_.active()->holder_deadline},
                   at("2025-10-10T00:00:00+08:00"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "timer_early");
}

TEST_F(DeciderTest, RefusesWrongPartyClosedStepAndClosedCase) {
  open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  auto wrong = run(DecideStep{"sending_school", "4501030002", "approve", ""},
                   at("2025-09-29T10:00:00+08:00"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "wrong_party");
  EXPECT_NE(wrong.error().message.find("sending_school 4501020001"), std::string::npos)
      << wrong.error().message;
  auto not_yet =
      run(DecideStep{"receiving_county", "450103", "approve", ""}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_FALSE(not_yet.ok());
  EXPECT_EQ(not_yet.error().code, "step_not_active");
  EXPECT_NE(not_yet.error().message.find("sending_school"), std::string::npos);
  auto unknown =
      run(DecideStep{"principal", "4501020001", "approve", ""}, at("2025-09-29T10:00:00+08:00"));
  EXPECT_EQ(unknown.error().code, "unknown_step");
  auto bad =
      run(DecideStep{"sending_school", "4501020001", "maybe", ""}, at("2025-09-29T10:00:00+08:00"));
  EXPECT_EQ(bad.error().code, "invalid_decision");
  ASSERT_TRUE(run(DecideStep{"sending_school", "4501020001", "approve", ""},
                  at("2025-09-29T10:00:00+08:00"))
                  .ok());
  auto twice = run(DecideStep{"sending_school", "4501020001", "reject", ""},
                   at("2025-09-29T11:00:00+08:00"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "step_closed");
  ASSERT_TRUE(
      run(DecideStep{"sending_county", "450102", "reject", ""}, at("2025-09-29T12:00:00+08:00"))
          .ok());
  auto closed =
      run(DecideStep{"receiving_county", "450103", "approve", ""}, at("2025-09-29T13:00:00+08:00"));
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().code, "case_closed");
}

TEST_F(DeciderTest, RefusesBadOpenings) {
  const Student s = student("4501020001", 5);
  OpenCase wrong_opener = transfer_of(s, "4501030002");
  wrong_opener.by = "4501020002";
  auto a = run(wrong_opener, at("2025-09-26T10:00:00+08:00"));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "not_initiator");
  OpenCase same = transfer_of(s, "4501020001");
  EXPECT_EQ(run(same, at("2025-09-26T10:00:00+08:00")).error().code, "invalid_field");
  OpenCase nowhere = transfer_of(s, "9999999999");
  EXPECT_EQ(run(nowhere, at("2025-09-26T10:00:00+08:00")).error().code, "invalid_field");
  OpenCase missing = transfer_of(s, "4501030002");
  missing.fields.clear();
  EXPECT_EQ(run(missing, at("2025-09-26T10:00:00+08:00")).error().code, "missing_field");
  OpenCase kind = transfer_of(s, "4501030002");
  kind.kind = "teleport";
  EXPECT_EQ(run(kind, at("2025-09-26T10:00:00+08:00")).error().code, "unknown_kind");
  OpenCase busy =
      transfer_of(student("4501020001", 5, StudentStatus::transfer_pending), "4501030002");
  auto b = run(busy, at("2025-09-26T10:00:00+08:00"));
  EXPECT_EQ(b.error().code, "rule_refused");
  EXPECT_NE(b.error().message.find("transfer_pending"), std::string::npos);
  EXPECT_EQ(state_.status, CaseStatus::none);
  EXPECT_TRUE(history_.empty());
  open(transfer_of(s, "4501030002"), at("2025-09-26T10:00:00+08:00"));
  EXPECT_EQ(run(transfer_of(s, "4501030002"), at("2025-09-26T10:00:00+08:00")).error().code,
            "case_exists");
}

TEST_F(DeciderTest, WithdrawalRefusedInCompulsoryEducation) {
  OpenCase c;
  c.kind = "withdrawal";
  c.by = "guardian";
  c.student = student("4501020003", 8);
  auto refused = run(c, at("2025-09-26T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "rule_refused");
  EXPECT_NE(refused.error().message.find("compulsory education"), std::string::npos);
  EXPECT_NE(refused.error().message.find("grade 8"), std::string::npos);
  EXPECT_NE(refused.error().message.find("Art. 18"), std::string::npos);

  c.student = student("4501020003", 11);
  open(c, at("2025-09-26T10:00:00+08:00"));
  auto done =
      run(DecideStep{"school", "4501020003", "approve", ""}, at("2025-09-29T10:00:00+08:00"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ((*done)[1].student_status, "withdrawn");
  EXPECT_EQ((*done)[1].informed_org, "450102");  // 备案 with the superior
}

TEST_F(DeciderTest, LeaveRunsItsTermAndTellsTheSchool) {
  OpenCase c;
  c.kind = "leave";
  c.by = "guardian";
  c.fields["months"] = "6";
  c.student = student("4401030001", 4);  // Guangdong: national leave rules
  open(c, at("2025-09-01T10:00:00+08:00"));
  EXPECT_EQ(state_.steps.size(), 2u);
  EXPECT_EQ(state_.active()->plan.org, "4401030001");
  EXPECT_EQ(*state_.active()->due, day("2025-09-15"));
  ASSERT_TRUE(
      run(DecideStep{"school", "4401030001", "approve", ""}, at("2025-09-02T10:00:00+08:00")).ok());
  auto done = run(DecideStep{"county", "440103", "approve", ""}, at("2025-09-03T10:00:00+08:00"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ((*done)[1].student_status, "on_leave");
  EXPECT_EQ(*(*done)[1].term_ends, at("2026-03-03T00:00:00+08:00"));
  EXPECT_EQ(state_.status, CaseStatus::in_term);
  // Art. 16: the term's end gives the school a review step (resume or
  // renew), 10 working days, escalating like any step when left undone.
  const auto fired = run_timers_until(at("2026-03-18T00:00:00+08:00"));
  ASSERT_EQ(types(fired),
            (std::vector<std::string>{"term_ended", "step_activated", "reminded", "escalated"}));
  EXPECT_EQ(fired[0].org, "4401030001");
  EXPECT_EQ(fired[1].step, "term_end_review");
  EXPECT_EQ(fired[1].org, "4401030001");
  EXPECT_EQ(*fired[1].due, day("2026-03-17"));
  EXPECT_EQ(fired[3].to_org, "440103");
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST_F(DeciderTest, LeaveLongerThanAYearIsRefused) {
  OpenCase c;
  c.kind = "leave";
  c.by = "guardian";
  c.fields["months"] = "13";
  c.student = student("4401030001", 4);
  auto r = run(c, at("2025-09-01T10:00:00+08:00"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_field");
  EXPECT_NE(r.error().message.find("Art. 16"), std::string::npos);
}

TEST_F(DeciderTest, GuangxiLeaveCountsOnGuangxisCalendar) {
  // Guangxi's overlay: 7 working days, on a calendar where 2026-04-17 and
  // 04-20 (壮族三月三) are days off.
  OpenCase c;
  c.kind = "leave";
  c.by = "4501020001";
  c.student = student("4501020001", 4);
  open(c, at("2026-04-14T10:00:00+08:00"));
  EXPECT_EQ(*state_.active()->due, day("2026-04-27"));
  EXPECT_EQ(state_.active()->plan.deadline.amount, 7);
}

TEST_F(DeciderTest, ResumeNeedsAStudentOnLeave) {
  OpenCase c;
  c.kind = "resume";
  c.by = "4501020001";
  c.student = student("4501020001", 4);
  auto refused = run(c, at("2025-09-01T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "rule_refused");
  c.student = student("4501020001", 4, StudentStatus::on_leave);
  open(c, at("2025-09-01T10:00:00+08:00"));
  auto done =
      run(DecideStep{"school", "4501020001", "approve", ""}, at("2025-09-02T10:00:00+08:00"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ((*done)[1].student_status, "enrolled");
}

TEST_F(DeciderTest, DeferralIsForAnUnregisteredChild) {
  OpenCase c;
  c.kind = "deferral";
  c.by = "guardian";
  c.fields["household_county"] = "450103";
  c.child_resident_id = make_resident_id("450103", "20190601", "002");
  std::string bad_id = c.child_resident_id;
  bad_id.back() = bad_id.back() == '1' ? '2' : '1';
  OpenCase bad = c;
  bad.child_resident_id = bad_id;
  auto refused = run(bad, at("2025-08-01T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_resident_id");
  open(c, at("2025-08-01T10:00:00+08:00"));
  EXPECT_EQ(state_.active()->plan.org, "450103");
  ASSERT_TRUE(
      run(DecideStep{"household_county", "450103", "approve", ""}, at("2025-08-05T10:00:00+08:00"))
          .ok());
  const auto fired = run_timers_until(at("2027-01-01T00:00:00+08:00"));
  ASSERT_EQ(types(fired), std::vector<std::string>{"term_ended"});
  EXPECT_EQ(fired[0].org, "450103");
  // Art. 11: one school year, to Guangxi's next intake (28 August), not
  // twelve months after the approval.
  EXPECT_EQ(fired[0].at, at("2026-08-28T00:00:00+08:00"));
}

TEST_F(DeciderTest, ZhejiangAddsACityStepOnlyForTransfersToOtherProvinces) {
  // Zhejiang rules Zhejiang's parties (tests/engine/rule_parties_test.cc has
  // the receiving side). Within Zhejiang: 5 working days per party, no city step.
  open(transfer_of(student("3301020001", 5), "3302030002"), at("2025-09-01T10:00:00+08:00"));
  ASSERT_EQ(state_.steps.size(), 3u);
  EXPECT_EQ(state_.active()->plan.deadline.amount, 5);
  EXPECT_EQ(*state_.active()->due, day("2025-09-08"));

  CaseState cross;
  cross.id = "c2";
  auto events = decide(cross, transfer_of(student("3301020001", 5), "4501030002"),
                       at("2025-09-01T10:00:00+08:00"), context());
  ASSERT_TRUE(events.ok()) << events.error().message;
  std::vector<std::string> names;
  for (const auto& p : (*events)[0].plan) names.push_back(p.step + "@" + p.org);
  // Out of Zhejiang to Guangxi: the sending city's bureau is added.
  EXPECT_EQ(names, (std::vector<std::string>{"sending_school@3301020001", "sending_county@330102",
                                             "sending_city@330100", "receiving_county@450103"}));
}

TEST_F(DeciderTest, ACaseKeepsThePlanItOpenedUnder) {
  open(transfer_of(student("4501020001", 5), "4501030002"), at("2025-09-26T10:00:00+08:00"));
  // New rules arrive: every step 1 working day.
  auto faster = load_rules({{"national/transfer.yaml", R"(kind: transfer
title: 转学
initiators: [receiving_school]
fields: [to_school]
steps:
  - {step: sending_school, party: sending_school, deadline: {working_days: 1}, reminder: none}
  - {step: sending_county, party: sending_county, deadline: {working_days: 1}, reminder: none}
  - {step: receiving_county, party: receiving_county, deadline: {working_days: 1}, reminder: none}
)"}});
  ASSERT_TRUE(faster.ok()) << faster.error().message;
  DecisionContext new_context{*faster, *orgs_, *calendars_};
  auto events = decide(state_, DecideStep{"sending_school", "4501020001", "approve", ""},
                       at("2025-10-09T09:00:00+08:00"), new_context);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(*(*events)[1].due, day("2025-10-22"));  // still 10 working days
  EXPECT_EQ(state_.rule_version, rules_->version());
  EXPECT_NE(state_.rule_version, faster->version());
}

}  // namespace
}  // namespace xueji::test
