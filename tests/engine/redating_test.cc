// Re-dating a provisional due date when its year's schedule arrives (issue
// 16, Art. 15's deadlines): a step counted on a year whose holiday notice
// was not yet loaded is counted again on the calendar that has it; the
// event carries both dates; a party never loses a day it was told; a case
// with nothing provisional refuses and changes nothing. The fixture year is
// 2026: the "before" calendars know only 2025.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/calendar/calendar_loader.h"
#include "engine/case/notice.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

class Redating : public CaseFixture {
 protected:
  void SetUp() override {
    // Only the 2025 national schedule: 2026 is provisional (weekdays).
    auto before = load_calendars(std::vector<CalendarSource>{
        {project_path("config/calendars/national/2025.yaml"),
         read_file(project_path("config/calendars/national/2025.yaml"))}});
    ASSERT_TRUE(before.ok()) << before.error().message;
    before_ = std::make_unique<CalendarSet>(std::move(*before));
    published_ = calendars_;
    calendars_ = before_.get();
  }
  void TearDown() override { calendars_ = published_; }

  static std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // A Guangdong transfer whose sending school's step opens at `when`.
  void open_transfer(const char* when) {
    OpenCase c{
        "transfer", "4401040001", {{"to_school", "4401040001"}}, student("4401030001", 5), ""};
    open(c, at(when));
    ASSERT_NE(state_.active(), nullptr);
  }

  // The 2026 notice arrives: the project's calendars.
  void schedule_arrives() { calendars_ = published_; }

  std::unique_ptr<CalendarSet> before_;
  CalendarSet* published_ = nullptr;
};

TEST_F(Redating, AStepDueInAProvisionalYearIsCountedAgainWhenItsScheduleArrives) {
  open_transfer("2025-12-29T10:00:00+08:00");
  const StepState& step = *state_.active();
  // Weekdays only: 30, 31 Dec, 1, 2, 5-9, 12 Jan.
  ASSERT_EQ(*step.due, day("2026-01-12"));
  ASSERT_TRUE(step.provisional);
  ASSERT_EQ(*step.reminder_at, at("2026-01-08T00:00:00+08:00"));

  schedule_arrives();
  auto redated = run(RedateProvisional{}, at("2025-12-30T09:00:00+08:00"));
  ASSERT_TRUE(redated.ok()) << redated.error().message;
  ASSERT_EQ(redated->size(), 1u);
  const CaseEvent& e = redated->front();
  EXPECT_EQ(e.type, CaseEventType::redated);
  EXPECT_EQ(e.step, "sending_school");
  EXPECT_EQ(e.org, "4401030001");
  EXPECT_EQ(*e.previous_due, day("2026-01-12"));
  // 1-3 January rest, Sunday 4 January is worked: 30, 31 Dec, 4-9, 12, 13 Jan.
  EXPECT_EQ(*e.due, day("2026-01-13"));
  EXPECT_FALSE(e.provisional);
  const StepState& after = *state_.active();
  EXPECT_EQ(*after.due, day("2026-01-13"));
  EXPECT_EQ(*after.holder_due, day("2026-01-13"));
  EXPECT_FALSE(after.provisional);
  EXPECT_EQ(*after.holder_deadline, at("2026-01-14T00:00:00+08:00"));
  EXPECT_EQ(*after.reminder_at, at("2026-01-09T00:00:00+08:00"));  // 2 working days before
  EXPECT_EQ(state_.next_timer()->at, at("2026-01-09T00:00:00+08:00"));

  // The holder is told both dates.
  const auto notices = notices_for(state_.id, state_.event_count, e, state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].org, "4401030001");
  EXPECT_EQ(notices[0].kind, "redated");
  EXPECT_EQ(notices[0].due, "2026-01-13");
  EXPECT_NE(notices[0].text.find("instead of 2026-01-12"), std::string::npos) << notices[0].text;
  EXPECT_EQ(notices[0].previous_due, "2026-01-12");
  EXPECT_FALSE(notices[0].provisional);

  // Once counted on the published year, nothing is left to re-date.
  auto again = run(RedateProvisional{}, at("2025-12-30T10:00:00+08:00"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "not_provisional");
}

TEST_F(Redating, AnEscalatedStepsFollowUpIsCountedAgainToo) {
  open_transfer("2025-12-15T10:00:00+08:00");
  ASSERT_EQ(*state_.active()->due, day("2025-12-29"));  // a published year's day
  run_timers_until(at("2025-12-30T00:00:00+08:00"));    // the reminder, then the climb
  const StepState& step = *state_.active();
  ASSERT_EQ(step.holder, "440103");
  // The county's 5 working days from 29 December, weekdays only: 30, 31
  // Dec, 1, 2, 5 Jan.
  ASSERT_EQ(*step.holder_due, day("2026-01-05"));
  ASSERT_TRUE(step.holder_provisional);

  schedule_arrives();
  auto redated = run(RedateProvisional{}, at("2025-12-30T09:00:00+08:00"));
  ASSERT_TRUE(redated.ok()) << redated.error().message;
  const CaseEvent& e = redated->front();
  EXPECT_EQ(e.org, "440103");
  EXPECT_EQ(*e.previous_due, day("2026-01-05"));
  EXPECT_EQ(*e.due, day("2026-01-06"));  // 1-3 January rest, Sunday 4 January worked
  EXPECT_FALSE(e.provisional);
  const StepState& after = *state_.active();
  EXPECT_EQ(*after.holder_due, day("2026-01-06"));
  EXPECT_FALSE(after.holder_provisional);
  EXPECT_EQ(*after.due, day("2025-12-29"));  // the party's own date is history
  EXPECT_EQ(state_.next_timer()->at, at("2026-01-07T00:00:00+08:00"));
  const auto notices = notices_for(state_.id, state_.event_count, e, state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].org, "440103");
}

TEST_F(Redating, ThePartyNeverLosesADayItWasTold) {
  open_transfer("2026-02-24T10:00:00+08:00");
  // Weekdays only: 25-27 Feb, 2-6, 9, 10 Mar.
  ASSERT_EQ(*state_.active()->due, day("2026-03-10"));
  schedule_arrives();
  // Saturday 28 February is a make-up working day: counted, the due date
  // would be 9 March, a day earlier than the school was told. It stays.
  auto redated = run(RedateProvisional{}, at("2026-02-25T09:00:00+08:00"));
  ASSERT_TRUE(redated.ok()) << redated.error().message;
  const CaseEvent& e = redated->front();
  EXPECT_EQ(*e.previous_due, day("2026-03-10"));
  EXPECT_EQ(*e.due, day("2026-03-10"));
  EXPECT_FALSE(e.provisional);
  EXPECT_FALSE(state_.active()->provisional);
  const auto notices = notices_for(state_.id, state_.event_count, e, state_.opened_by);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].text.find("as told before"), std::string::npos) << notices[0].text;
}

TEST_F(Redating, ACaseWithNothingProvisionalRefusesAndChangesNothing) {
  open_transfer("2025-10-09T10:00:00+08:00");  // due in 2025, a published year
  ASSERT_FALSE(state_.active()->provisional);
  const CaseState before = state_;
  schedule_arrives();
  auto refused = run(RedateProvisional{}, at("2025-10-10T09:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "not_provisional");
  EXPECT_EQ(state_, before);
}

TEST_F(Redating, AStepStillInAnUnpublishedYearWaits) {
  open_transfer("2025-12-29T10:00:00+08:00");
  // Another reload without 2026: the same count, still provisional.
  auto refused = run(RedateProvisional{}, at("2025-12-30T09:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "not_provisional");
  EXPECT_TRUE(state_.active()->provisional);
}

}  // namespace
}  // namespace xueji::test
