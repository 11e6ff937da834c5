// A leave's end-of-term review (Art. 16) is planned when the leave opens,
// like its steps: a reload of the rules while the leave runs (a province or
// the ministry changing the review's deadline) never moves what the open
// case owes. A case opened before plans carried the review (its opened
// event has none) reads it from the rules in force when its term ends.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

class TermReviewPlan : public CaseFixture {
 protected:
  void SetUp() override {
    // The project's rules, with the national leave's review at 5 working
    // days instead of 10: what a later rule set might say.
    dir_ = fs::temp_directory_path() / ("xueji-review-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(project_path("workflows"), dir_, fs::copy_options::recursive);
    const fs::path leave = dir_ / "national" / "leave.yaml";
    std::ifstream in(leave);
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    const std::string ten =
        "review: {step: term_end_review, party: school, deadline: {working_days: 10}}";
    const auto where = yaml.find(ten);
    ASSERT_NE(where, std::string::npos) << "the national leave's review changed shape";
    yaml.replace(where, ten.size(),
                 "review: {step: term_end_review, party: school, deadline: {working_days: 5}}");
    std::ofstream(leave) << yaml;
    auto later = load_rules(dir_.string());
    ASSERT_TRUE(later.ok()) << later.error().message;
    later_ = std::make_unique<RuleSet>(std::move(*later));
    ASSERT_NE(later_->version(), rules_->version());
  }
  void TearDown() override {
    if (opened_under_) std::swap(rules_, opened_under_);
    fs::remove_all(dir_);
  }

  // From here on the case's decisions read the later rules.
  void reload() {
    opened_under_ = later_.get();
    std::swap(rules_, opened_under_);
  }

  fs::path dir_;
  std::unique_ptr<RuleSet> later_;
  RuleSet* opened_under_ = nullptr;  // the fixture's rules while reloaded
};

TEST_F(TermReviewPlan, TheOpenedEventCarriesTheReviewResolvedToTheTermsOrg) {
  approved_leave();
  ASSERT_FALSE(history_.empty());
  const CaseEvent& opened = history_.front();
  ASSERT_TRUE(opened.effects.term_review.has_value());
  EXPECT_EQ(opened.effects.term_review->step, "term_end_review");
  EXPECT_EQ(opened.effects.term_review->org, "4401030001");
  EXPECT_EQ(opened.effects.term_review->deadline.amount, 10);
  EXPECT_EQ(opened.effects.term_review->article, "Art. 16");
}

TEST_F(TermReviewPlan, AReloadWhileTheLeaveRunsLeavesItsReviewAsPlanned) {
  approved_leave();
  reload();
  run_timers_until(at("2026-03-03T00:00:00+08:00"));
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(state_.active()->plan.step, "term_end_review");
  EXPECT_EQ(state_.active()->plan.deadline.amount, 10);
  EXPECT_EQ(*state_.active()->due, day("2026-03-17"));  // 10 working days, not 5
}

TEST_F(TermReviewPlan, ALeaveOpenedUnderTheLaterRulesGetsTheirReview) {
  reload();
  approved_leave();
  run_timers_until(at("2026-03-03T00:00:00+08:00"));
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(*state_.active()->due, day("2026-03-10"));  // 5 working days
}

TEST_F(TermReviewPlan, ACaseOpenedBeforePlansCarriedTheReviewReadsTheRulesInForce) {
  approved_leave();
  state_.effects.term_review.reset();  // as a case stored before version 4
  reload();
  run_timers_until(at("2026-03-03T00:00:00+08:00"));
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(state_.active()->plan.step, "term_end_review");
  EXPECT_EQ(*state_.active()->due, day("2026-03-10"));
}

}  // namespace
}  // namespace xueji::test
