// A province sets the end-of-term review of a leave (Art. 16): its deadline,
// reminder and escalation, inside the bound of the review's party where the
// national file declares one; its step and party stay national. Only a kind
// with a review has one to change.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/workflow/rule_loader.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

std::string text_of(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shipped national files with `extra` added: the load.
Result<RuleSet> load_with(const std::vector<RuleSource>& extra) {
  std::vector<RuleSource> sources;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::project_path("workflows/national"))) {
    sources.push_back({"national/" + entry.path().filename().string(), text_of(entry.path())});
  }
  sources.insert(sources.end(), extra.begin(), extra.end());
  return load_rules(sources);
}

TEST(ReviewOverlay, AProvinceSetsTheReviewsDeadlineAndReminder) {
  auto r = load_with(
      {{"provinces/440000/leave.yaml",
        "province: \"440000\"\nkind: leave\nterm:\n"
        "  review: {deadline: {working_days: 5}, reminder: {working_days_before: 1}}\n"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const CaseKindRules* guangdong = r->find("leave", "440000");
  ASSERT_NE(guangdong, nullptr);
  ASSERT_TRUE(guangdong->term && guangdong->term->review);
  EXPECT_EQ(guangdong->term->review->deadline.amount, 5);
  EXPECT_EQ(guangdong->term->review->reminder_working_days_before, 1);
  EXPECT_EQ(guangdong->term->review->step, "term_end_review");
  EXPECT_EQ(guangdong->term->review->party, "school");
  // The nation keeps its 10 working days, and so does the term.
  EXPECT_EQ(r->find("leave", "")->term->review->deadline.amount, 10);
  EXPECT_EQ(guangdong->term->max_months, 12);
}

TEST(ReviewOverlay, TheReviewsStepAndPartyAreNational) {
  auto r = load_with({{"provinces/440000/leave.yaml",
                       "province: \"440000\"\nkind: leave\nterm:\n"
                       "  review: {party: county}\n"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("provinces/440000/leave.yaml:4: ", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find("party"), std::string::npos) << r.error().message;
}

TEST(ReviewOverlay, AKindWithoutAReviewHasNoneToChange) {
  auto r = load_with({{"provinces/440000/deferral.yaml",
                       "province: \"440000\"\nkind: deferral\nterm:\n"
                       "  review: {deadline: {working_days: 5}}\n"}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("provinces/440000/deferral.yaml:4: kind 'deferral' has no "
                                   "end-of-term review"),
            std::string::npos)
      << r.error().message;
}

TEST(ReviewOverlay, TheReviewKeepsInsideItsPartysBound) {
  // A national leave that bounds the school at 10 working days (the shipped
  // one declares no period for Art. 16): the review is the school's step.
  std::string leave = text_of(test::project_path("workflows/national/leave.yaml"));
  const std::string bounds = "bounds:\n";
  const auto at = leave.find(bounds);
  ASSERT_NE(at, std::string::npos);
  leave.insert(at + bounds.size(), "  max_deadline: {school: {working_days: 10}}\n");
  std::vector<RuleSource> sources;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::project_path("workflows/national"))) {
    if (entry.path().filename() == "leave.yaml") continue;
    sources.push_back({"national/" + entry.path().filename().string(), text_of(entry.path())});
  }
  sources.push_back({"national/leave.yaml", leave});
  sources.push_back({"provinces/440000/leave.yaml",
                     "province: \"440000\"\nkind: leave\nterm:\n"
                     "  review: {deadline: {working_days: 20}}\n"});
  auto r = load_rules(sources);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("provinces/440000/leave.yaml:4: "), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("exceeds the national bound of 10 working days"),
            std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace xueji
