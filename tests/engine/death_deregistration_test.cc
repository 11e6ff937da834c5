// Art. 21: a death is deregistered within 60 working days of the day the
// school learned of it. The case records the date of death and that day
// (learned_on), and the school's period counts from learned_on, not from
// the day the case happens to be opened.

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

class DeathDeregistrationTest : public CaseFixture {
 protected:
  static OpenCase death(const std::string& died, const std::string& learned) {
    OpenCase c;
    c.kind = "death_deregistration";
    c.by = "4401030001";
    c.student = student("4401030001", 3);
    if (!died.empty()) c.fields["date_of_death"] = died;
    if (!learned.empty()) c.fields["learned_on"] = learned;
    return c;
  }

  // The refusal of opening `c` at `now`, which must change nothing.
  Error refused(const OpenCase& c, const char* now) {
    CaseState fresh;
    fresh.id = "c9";
    auto events = decide(fresh, c, at(now), context());
    EXPECT_FALSE(events.ok());
    return events.ok() ? Error{} : events.error();
  }
};

TEST_F(DeathDeregistrationTest, SixtyWorkingDaysCountFromTheDayTheSchoolLearned) {
  // Learned on Monday 2025-09-01, opened nine days later: still due on the
  // 60th working day after 09-01, across National Day 2025 (09-28 and
  // 10-11 worked, 10-01..10-08 off), as if opened the day it learned.
  auto events = open(death("2025-08-30", "2025-09-01"), at("2025-09-10T10:00:00+08:00"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(*state_.active()->due, day("2025-11-28"));
  EXPECT_EQ(state_.active()->due->to_string(),
            calendars_->national().add_working_days(day("2025-09-01"), 60).date.to_string());
  // Opened the day it learned, the same due date; opened on the day it
  // died and learned later, later: the day of learning is what counts.
  CaseState same;
  same.id = "c2";
  auto learned_later =
      decide(same, death("2025-08-30", "2025-09-10"), at("2025-09-10T10:00:00+08:00"), context());
  ASSERT_TRUE(learned_later.ok()) << learned_later.error().message;
  EXPECT_EQ((*learned_later)[1].due->to_string(),
            calendars_->national().add_working_days(day("2025-09-10"), 60).date.to_string());
  // The case keeps both dates (its opened event, and so its state).
  EXPECT_EQ(state_.fields.at("date_of_death"), "2025-08-30");
  EXPECT_EQ(state_.fields.at("learned_on"), "2025-09-01");
  EXPECT_EQ(events[0].fields.at("learned_on"), "2025-09-01");

  ASSERT_TRUE(
      run(DecideStep{"school", "4401030001", "approve", ""}, at("2025-09-11T10:00:00+08:00")).ok());
  EXPECT_EQ(state_.active()->plan.org, "440103");
  auto done = run(DecideStep{"superior", "440103", "approve", ""}, at("2025-09-12T10:00:00+08:00"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ((*done)[1].student_status, "deceased");
}

TEST_F(DeathDeregistrationTest, OpenedLateTheSchoolIsAlreadyOverdue) {
  // Learned 2025-06-03, opened 2025-09-26: the 60 working days ended on
  // 2025-08-26, so the deadline fires at once and the case goes up to the
  // county; the reminder, 5 working days before, is long past and dropped.
  open(death("2025-06-01", "2025-06-03"), at("2025-09-26T10:00:00+08:00"));
  const Date due = calendars_->national().add_working_days(day("2025-06-03"), 60).date;
  EXPECT_EQ(*state_.active()->due, due);
  EXPECT_LT(due, day("2025-09-26"));
  const auto fired = run_timers_until(at("2025-09-26T10:00:00+08:00"));
  ASSERT_FALSE(fired.empty());
  for (const auto& e : fired) EXPECT_NE(e.type, CaseEventType::reminded);
  ASSERT_TRUE(state_.active() != nullptr);
  EXPECT_FALSE(state_.active()->escalated_to.empty());
}

TEST_F(DeathDeregistrationTest, ImpossibleDatesAreRefusedNamingTheField) {
  const char* now = "2025-09-26T10:00:00+08:00";
  Error e = refused(death("2025-09-20", "2025-09-19"), now);
  EXPECT_EQ(e.code, "invalid_field");
  EXPECT_EQ(e.message, "field 'learned_on': '2025-09-19' is before the date of death, 2025-09-20");
  e = refused(death("2025-09-20", "2025-09-27"), now);
  EXPECT_EQ(e.code, "invalid_field");
  EXPECT_EQ(e.message, "field 'learned_on': '2025-09-27' is after today, 2025-09-26");
  e = refused(death("2025-10-01", "2025-09-26"), now);
  EXPECT_EQ(e.message, "field 'date_of_death': '2025-10-01' is after today, 2025-09-26");
  e = refused(death("2025-02-29", "2025-09-26"), now);
  EXPECT_EQ(e.code, "invalid_field");
  EXPECT_EQ(e.message,
            "field 'date_of_death': '2025-02-29' is not a real date: 2025-02 has no day 29");
  e = refused(death("2025-09-20", "20.9.2025"), now);
  EXPECT_EQ(e.message, "field 'learned_on': '20.9.2025' is not a date of the form YYYY-MM-DD");
  // Both are required: the period cannot count from a day not given.
  e = refused(death("2025-09-20", ""), now);
  EXPECT_EQ(e.code, "missing_field");
  EXPECT_EQ(e.message, "a death_deregistration case needs 'learned_on'");
  e = refused(death("", "2025-09-20"), now);
  EXPECT_EQ(e.message, "a death_deregistration case needs 'date_of_death'");
  // Learned the day it happened, today: fine.
  open(death("2025-09-26", "2025-09-26"), at(now));
  EXPECT_EQ(state_.status, CaseStatus::open);
}

TEST_F(DeathDeregistrationTest, TheRuleNamesTheDayItCountsFrom) {
  const CaseKindRules* rules = rules_->find("death_deregistration", "");
  ASSERT_TRUE(rules != nullptr);
  EXPECT_EQ(rules->counts_from, "learned_on");
  EXPECT_EQ(rules->required_fields, (std::vector<std::string>{"date_of_death", "learned_on"}));
  // No other kind counts from a reported date.
  for (const auto& kind : rules_->kinds()) {
    if (kind == "death_deregistration") continue;
    EXPECT_EQ(rules_->find(kind, "")->counts_from, "") << kind;
  }
}

}  // namespace
}  // namespace xueji::test
