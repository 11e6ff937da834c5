// Replay: for random command sequences, folding the emitted events from
// scratch equals the live state, and no sequence reaches an invalid state.

#include <gtest/gtest.h>

#include "engine/case/event_codec.h"

#include <random>

#include "engine/case/packed_case.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

using ReplayTest = CaseFixture;

// The invariants every reachable state keeps.
void check_invariants(const CaseState& s) {
  int active = 0;
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const StepState& step = s.steps[i];
    if (step.status == StepStatus::active) {
      ++active;
      ASSERT_EQ(s.active_step, static_cast<int>(i));
      ASSERT_TRUE(step.due.has_value());
      ASSERT_FALSE(step.holder.empty());
    }
    if (step.status == StepStatus::approved || step.status == StepStatus::rejected) {
      ASSERT_FALSE(step.decided_by.empty());
      ASSERT_FALSE(step.holder_deadline.has_value());
    }
    // Steps are decided in order: nothing after a waiting step is decided.
    if (step.status == StepStatus::waiting) {
      for (size_t j = i + 1; j < s.steps.size(); ++j) {
        ASSERT_EQ(s.steps[j].status, StepStatus::waiting);
      }
    }
  }
  ASSERT_LE(active, 1);
  if (s.status == CaseStatus::open) {
    ASSERT_EQ(active, 1);
  } else {
    ASSERT_EQ(active, 0);
  }
  if (s.status == CaseStatus::closed || s.status == CaseStatus::in_term) {
    ASSERT_FALSE(s.outcome.empty());
  }
  if (s.status == CaseStatus::in_term) {
    ASSERT_TRUE(s.term_ends.has_value());
  }
  const auto timer = s.next_timer();
  if (s.status == CaseStatus::closed || s.status == CaseStatus::none) {
    ASSERT_FALSE(timer.has_value());
  }
}

TEST_F(ReplayTest, RandomCommandSequencesReplayExactly) {
  std::mt19937 rng(15);
  const std::vector<std::string> orgs = {"4501020001", "4501030002", "450102", "450103",
                                         "450100",     "450000",     "000000", "guardian",
                                         "4401030001", "440103"};
  const std::vector<std::string> steps = {"sending_school",  "sending_county", "receiving_county",
                                          "school",          "county",         "superior",
                                          "household_county"};
  int opened = 0, completed = 0, escalations = 0, refusals = 0;
  for (int trial = 0; trial < 300; ++trial) {
    state_ = CaseState();
    state_.id = "case-" + std::to_string(trial);
    history_.clear();
    Instant now = at("2025-09-01T09:00:00+08:00").plus_seconds(86400 * (rng() % 400));
    // Open one of several kinds.
    OpenCase open_cmd;
    switch (rng() % 9) {
      case 0:
        open_cmd = OpenCase{
            "transfer", "4501030002", {{"to_school", "4501030002"}}, student("4501020001", 5), ""};
        break;
      case 1:
        open_cmd = OpenCase{"leave",
                            "guardian",
                            {{"months", std::to_string(1 + rng() % 12)}},
                            student("4501020001", 4),
                            ""};
        break;
      case 2:
        open_cmd = OpenCase{"death_deregistration",
                            "4401030001",
                            {{"date_of_death", "2025-08-30"}, {"learned_on", "2025-09-01"}},
                            student("4401030001", 3),
                            ""};
        break;
      case 3:
        open_cmd =
            OpenCase{"withdrawal", "guardian", {}, student("4501020003", 10 + rng() % 3), ""};
        break;
      case 4:
        open_cmd =
            OpenCase{"info_change", "guardian", {{"name", "李晓明"}}, student("4501020001", 5), ""};
        break;
      case 5:
        open_cmd = OpenCase{"grade_change",
                            "4501020001",
                            {{"grade", std::to_string(4 + rng() % 2 * 2)}},
                            student("4501020001", 5),
                            ""};
        break;
      case 6:
        open_cmd = OpenCase{
            "graduation", "4501020001", {{"status", "completed"}}, student("4501020001", 6), ""};
        break;
      case 7:
        open_cmd = OpenCase{"stage_handover",
                            "4501000001",
                            {{"to_school", "4501000001"}, {"grade", "7"}},
                            student("4501020001", 6, StudentStatus::graduated),
                            ""};
        break;
      default:
        open_cmd = OpenCase{"deferral",
                            "guardian",
                            {{"household_county", "450103"}},
                            std::nullopt,
                            make_resident_id("450103", "20190601", "002")};
        break;
    }
    if (run(open_cmd, now).ok()) ++opened;
    for (int i = 0; i < 12; ++i) {
      now = now.plus_seconds(3600 * (1 + rng() % 200));
      // Timers due by now fire first, as the actor's would.
      const auto fired = run_timers_until(now);
      for (const auto& e : fired) escalations += e.type == CaseEventType::escalated;
      CaseCommand c;
      switch (rng() % 6) {
        case 0:
          c = WithdrawCase{orgs[rng() % orgs.size()]};
          break;
        case 1:
          c = DeadlineReached{steps[rng() % steps.size()], now};
          break;
        case 2:
          c = ReminderDue{steps[rng() % steps.size()], now};
          break;
        default: {
          // Mostly the right party, sometimes anyone.
          const StepState* a = state_.active();
          const std::string by = a && rng() % 3 ? a->holder : orgs[rng() % orgs.size()];
          const std::string step = a && rng() % 4 ? a->plan.step : steps[rng() % steps.size()];
          c = DecideStep{step, by, rng() % 4 ? "approve" : "reject", ""};
        }
      }
      const CaseState before = state_;
      auto result = run(c, now);
      if (!result.ok()) {
        ++refusals;
        ASSERT_EQ(state_, before) << "a refused command changed the state";
      }
      check_invariants(state_);
      ASSERT_EQ(replay(state_.id, history_), state_) << "trial " << trial << " step " << i;
      // And from the events as the store keeps them (the JSON bodies).
      std::vector<CaseEvent> stored;
      for (const auto& e : history_) {
        auto decoded = event_from_json(nlohmann::json::parse(event_body(e)));
        ASSERT_TRUE(decoded.ok()) << decoded.error().message;
        stored.push_back(std::move(*decoded));
      }
      ASSERT_EQ(replay(state_.id, stored), state_) << "stored, trial " << trial << " step " << i;
      // The resident actor's packed form holds every reachable state exactly.
      auto unpacked = unpack_case(pack_case(state_));
      ASSERT_TRUE(unpacked.ok()) << unpacked.error().message;
      ASSERT_EQ(*unpacked, state_) << "packed, trial " << trial << " step " << i;
    }
    completed += state_.status != CaseStatus::open && state_.status != CaseStatus::none;
  }
  // The generator reaches every kind of outcome, or the test proves little.
  EXPECT_GT(opened, 250);
  EXPECT_GT(completed, 100);
  EXPECT_GT(escalations, 20);
  EXPECT_GT(refusals, 300);
}

}  // namespace
}  // namespace xueji::test
