// Every national case kind through the same five stories: approved by every
// party, rejected, withdrawn by its initiator, its first party silent until
// the step reaches the ministry, and the reminder before that.

#include <gtest/gtest.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

struct KindCase {
  std::string name;
  OpenCase open;
  std::string final_status;  // the student's status after approval
};

std::vector<KindCase> kinds() {
  auto student_at = [](const std::string& school, int grade, StudentStatus status) {
    return make_student(school, grade, status, "20100301", "003");
  };
  const auto enrolled = StudentStatus::enrolled;
  return {
      {"transfer",
       {"transfer",
        "4401030002",
        {{"to_school", "4401030002"}},
        student_at("4401040001", 5, enrolled),
        ""},
       "enrolled"},
      {"leave", {"leave", "guardian", {}, student_at("4401040001", 5, enrolled), ""}, "on_leave"},
      {"resume",
       {"resume", "guardian", {}, student_at("4401040001", 5, StudentStatus::on_leave), ""},
       "enrolled"},
      {"deferral",
       {"deferral",
        "guardian",
        {{"household_county", "440104"}},
        std::nullopt,
        make_resident_id("440104", "20190601", "004")},
       ""},
      {"death_deregistration",
       {"death_deregistration",
        "4401040001",
        {{"date_of_death", "2025-08-30"}, {"learned_on", "2025-09-01"}},
        student_at("4401040001", 5, enrolled),
        ""},
       "deceased"},
      {"withdrawal",
       {"withdrawal", "guardian", {}, student_at("4401040003", 11, enrolled), ""},
       "withdrawn"},
      {"archive_build",
       {"archive_build", "4401040001", {}, student_at("4401040001", 1, enrolled), ""},
       ""},
      {"archive_update",
       {"archive_update", "4401040001", {}, student_at("4401040001", 5, enrolled), ""},
       ""},
      {"grade_change",
       {"grade_change", "4401040001", {{"grade", "4"}}, student_at("4401040001", 5, enrolled), ""},
       ""},
      {"info_change",
       {"info_change", "guardian", {{"name", "李晓明"}}, student_at("4401040001", 5, enrolled), ""},
       ""},
      {"graduation",
       {"graduation",
        "4401040001",
        {{"status", "completed"}},
        student_at("4401040001", 6, enrolled),
        ""},
       "completed"},
      {"stage_handover",
       {"stage_handover",
        "4401000001",
        {{"to_school", "4401000001"}, {"grade", "7"}},
        student_at("4401040001", 6, StudentStatus::graduated),
        ""},
       "enrolled"},
      {"study_abroad",
       {"study_abroad", "4401040001", {}, student_at("4401040001", 5, enrolled), ""},
       "abroad"},
      {"return_from_abroad",
       {"return_from_abroad",
        "4401040002",
        {{"to_school", "4401040002"}, {"grade", "5"}},
        student_at("4401040001", 5, StudentStatus::abroad),
        ""},
       "enrolled"},
      {"specialised_school_entry",
       {"specialised_school_entry", "4401040001", {}, student_at("4401040001", 5, enrolled), ""},
       "specialised_school"},
      {"specialised_school_return",
       {"specialised_school_return",
        "4401040001",
        {{"grade", "6"}},
        student_at("4401040001", 5, StudentStatus::specialised_school),
        ""},
       "enrolled"},
  };
}

class CaseKinds : public CaseFixture, public ::testing::WithParamInterface<KindCase> {};

const Instant kOpened = at("2025-09-01T10:00:00+08:00");

TEST_P(CaseKinds, ApprovedByEveryParty) {
  open(GetParam().open, kOpened);
  Instant now = kOpened;
  size_t decided = 0;
  while (const StepState* step = state_.active()) {
    now = now.plus_seconds(3600);
    auto r = run(DecideStep{step->plan.step, step->holder, "approve", ""}, now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ++decided;
  }
  EXPECT_EQ(decided, state_.steps.size());
  EXPECT_EQ(state_.outcome, "approved");
  EXPECT_EQ(history_.back().type, CaseEventType::completed);
  EXPECT_EQ(history_.back().student_status, GetParam().final_status);
}

TEST_P(CaseKinds, RejectedByTheFirstParty) {
  open(GetParam().open, kOpened);
  const StepState* step = state_.active();
  ASSERT_NE(step, nullptr);
  auto r = run(DecideStep{step->plan.step, step->holder, "reject", "不符合条件"},
               at("2025-09-02T10:00:00+08:00"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(state_.outcome, "rejected");
  EXPECT_EQ(state_.status, CaseStatus::closed);
  EXPECT_FALSE(state_.next_timer().has_value());
}

TEST_P(CaseKinds, WithdrawnByItsInitiator) {
  open(GetParam().open, kOpened);
  auto stranger = run(WithdrawCase{"000000"}, at("2025-09-02T10:00:00+08:00"));
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, "not_initiator");
  auto r = run(WithdrawCase{state_.opened_by}, at("2025-09-02T10:00:00+08:00"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(state_.outcome, "withdrawn");
  EXPECT_EQ(state_.status, CaseStatus::closed);
}

TEST_P(CaseKinds, SilentFirstPartyIsRemindedThenEscalatedToTheMinistry) {
  open(GetParam().open, kOpened);
  const std::string first_org = state_.active()->plan.org;
  const Date due = *state_.active()->due;
  const auto fired = run_timers_until(at("2027-12-31T00:00:00+08:00"));
  ASSERT_GE(fired.size(), 2u);
  // The reminder comes first, to the party itself, before its due date.
  EXPECT_EQ(fired[0].type, CaseEventType::reminded);
  EXPECT_EQ(fired[0].org, first_org);
  EXPECT_LT(fired[0].at, end_of_beijing_day(due));
  // Then one escalation per level, each from the previous holder to its
  // superior, ending at the ministry.
  std::string holder = first_org;
  size_t escalations = 0;
  for (size_t i = 1; i < fired.size(); ++i) {
    ASSERT_EQ(fired[i].type, CaseEventType::escalated);
    EXPECT_EQ(fired[i].from_org, holder);
    EXPECT_EQ(fired[i].to_org, orgs_->superior(holder)->code);
    holder = fired[i].to_org;
    ++escalations;
  }
  EXPECT_EQ(holder, "000000");
  // One per level up: a school under a county climbs 4, one a city runs 3.
  size_t levels = 0;
  for (const Org* o = orgs_->superior(first_org); o != nullptr; o = orgs_->superior(o->code)) {
    ++levels;
  }
  EXPECT_EQ(escalations, levels);
  EXPECT_FALSE(state_.next_timer().has_value());
}

INSTANTIATE_TEST_SUITE_P(EveryNationalKind, CaseKinds, ::testing::ValuesIn(kinds()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace xueji::test
