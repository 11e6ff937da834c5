// The province's promotion date (Art. 7: normal promotion is automatic):
// the school-year file read with the rules, a bad one refused with file,
// line and reason, and which promotions are due at an instant.

#include <gtest/gtest.h>

#include "engine/org/org_tree.h"
#include "engine/student/promotion_calendar.h"
#include "engine/workflow/rule_loader.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

const char* kLeave = R"(kind: leave
title: 休学
article: Art. 16
initiators: [guardian]
steps:
  - {step: school, party: school, deadline: {working_days: 10}}
)";

Instant at(const std::string& text) { return Instant::parse(text).value(); }

RuleSet rules_with(const std::string& school_year) {
  auto rules = load_rules(
      {{"national/leave.yaml", kLeave}, {"provinces/450000/school_year.yaml", school_year}});
  EXPECT_TRUE(rules.ok()) << rules.error().message;
  return rules.ok() ? *rules : RuleSet();
}

void expect_refused(const std::string& school_year, const std::string& where,
                    const std::string& reason) {
  auto r = load_rules(
      {{"national/leave.yaml", kLeave}, {"provinces/450000/school_year.yaml", school_year}});
  ASSERT_FALSE(r.ok()) << "expected refusal: " << reason;
  EXPECT_EQ(r.error().code, "invalid_file");
  EXPECT_EQ(r.error().message.rfind(where, 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
}

TEST(PromotionDate, ShippedGuangxiFileSetsItsOwnDate) {
  auto rules = load_rules(test::project_path("workflows"));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_EQ(rules->promotion_date("450000"), (PromotionDate{8, 28}));
  // Every other province, the ministry and "" keep 1 September.
  EXPECT_EQ(rules->promotion_date("330000"), (PromotionDate{9, 1}));
  EXPECT_EQ(rules->promotion_date(""), (PromotionDate{9, 1}));
  EXPECT_EQ(promotion_instant(*rules, "450000", 2026), at("2026-08-28T00:00:00+08:00"));
  EXPECT_EQ(promotion_instant(*rules, "330000", 2026), at("2026-09-01T00:00:00+08:00"));
  // The school-year file is no overlay of a kind.
  EXPECT_NE(rules->find("leave", "450000"), nullptr);
}

TEST(PromotionDate, ADateInTheFileIsReadAndChangesTheVersion) {
  const RuleSet early =
      rules_with("province: \"450000\"\nschool_year: {promotion: {date: \"08-01\"}}\n");
  const RuleSet late =
      rules_with("province: \"450000\"\nschool_year:\n  promotion: {date: 09-30}\n");
  EXPECT_EQ(early.promotion_date("450000"), (PromotionDate{8, 1}));
  EXPECT_EQ(late.promotion_date("450000"), (PromotionDate{9, 30}));
  EXPECT_NE(early.version(), late.version());
}

TEST(PromotionDate, BadFilesAreRefusedWithFileLineAndReason) {
  const std::string file = "provinces/450000/school_year.yaml:";
  expect_refused("province: \"450000\"\nschool_year:\n  promotion: {date: \"03-01\"}\n",
                 file + "3:", "not in August or September");
  expect_refused("province: \"450000\"\nschool_year:\n  promotion: {date: \"09-31\"}\n",
                 file + "3:", "not a day of the month");
  expect_refused("province: \"450000\"\nschool_year:\n  promotion: {date: \"9-1\"}\n",
                 file + "3:", "is not MM-DD");
  expect_refused("province: \"450000\"\nschool_year:\n  promotion: {day: \"09-01\"}\n",
                 file + "3:", "unknown key 'day'");
  expect_refused("province: \"990000\"\nschool_year: {promotion: {date: \"09-01\"}}\n",
                 file + "1:", "unknown province '990000'");
  expect_refused("province: \"450000\"\nschool_year: {}\n", file + "2:", "missing 'promotion'");
  // One date per province.
  auto twice =
      load_rules({{"national/leave.yaml", kLeave},
                  {"a/school_year.yaml",
                   "province: \"450000\"\nschool_year: {promotion: {date: \"08-28\"}}\n"},
                  {"b/school_year.yaml",
                   "province: \"450000\"\nschool_year: {promotion: {date: \"08-29\"}}\n"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message.rfind("b/school_year.yaml:1:", 0), 0u) << twice.error().message;
  EXPECT_NE(twice.error().message.find("already set in a/school_year.yaml"), std::string::npos);
}

class DuePromotions : public ::testing::Test {
 protected:
  RuleSet rules_ =
      rules_with("province: \"450000\"\nschool_year: {promotion: {date: \"08-28\"}}\n");
  std::vector<std::string> provinces_{"330000", "450000"};
};

TEST_F(DuePromotions, EachProvinceOnItsDateAtMidnightBeijingTime) {
  // Guangxi on 28 August, Zhejiang on the national 1 September, in order.
  auto due = promotions_due(rules_, provinces_, at("2026-08-01T00:00:00+08:00"),
                            at("2026-09-10T00:00:00+08:00"));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0], (DuePromotion{"450000", 2026, at("2026-08-28T00:00:00+08:00")}));
  EXPECT_EQ(due[1], (DuePromotion{"330000", 2026, at("2026-09-01T00:00:00+08:00")}));
  // 00:00 Beijing is 16:00 UTC the day before: a second earlier, not due.
  EXPECT_TRUE(
      promotions_due(rules_, provinces_, at("2026-08-27T00:00:00Z"), at("2026-08-27T15:59:59Z"))
          .empty());
  auto on_the_dot =
      promotions_due(rules_, provinces_, at("2026-08-27T00:00:00Z"), at("2026-08-27T16:00:00Z"));
  ASSERT_EQ(on_the_dot.size(), 1u);
  EXPECT_EQ(on_the_dot[0].province, "450000");
  // The window's start is excluded: a run seen at one look is not due again.
  EXPECT_TRUE(promotions_due(rules_, provinces_, at("2026-08-28T00:00:00+08:00"),
                             at("2026-08-31T00:00:00+08:00"))
                  .empty());
}

TEST_F(DuePromotions, AcrossTheYearBoundaryEachYearOnce) {
  // From December into the next September: only the new year's runs.
  auto next = promotions_due(rules_, provinces_, at("2026-12-31T23:00:00+08:00"),
                             at("2027-09-02T00:00:00+08:00"));
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].year, 2027);
  EXPECT_EQ(next[1].year, 2027);
  // A jump over two school years yields both, the older first.
  auto two = promotions_due(rules_, {"450000"}, at("2025-09-26T09:00:00+08:00"),
                            at("2027-09-02T00:00:00+08:00"));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], (DuePromotion{"450000", 2026, at("2026-08-28T00:00:00+08:00")}));
  EXPECT_EQ(two[1], (DuePromotion{"450000", 2027, at("2027-08-28T00:00:00+08:00")}));
  // New Year's Eve in Beijing is still the old year.
  EXPECT_TRUE(promotions_due(rules_, provinces_, at("2026-09-02T00:00:00+08:00"),
                             at("2027-01-01T00:00:00+08:00"))
                  .empty());
}

TEST_F(DuePromotions, AtStartOnlyTheDatesOfTheLastMonthAreCaughtUp) {
  // 20 September: Guangxi's 28 August and the 1 September both passed
  // within the month.
  auto missed = missed_promotions(rules_, provinces_, at("2026-09-20T10:00:00+08:00"));
  ASSERT_EQ(missed.size(), 2u);
  EXPECT_EQ(missed[0].province, "450000");
  EXPECT_EQ(missed[1].province, "330000");
  // 29 September: the window opens on 29 August, after Guangxi's date.
  auto later = missed_promotions(rules_, provinces_, at("2026-09-29T10:00:00+08:00"));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].province, "330000");
  EXPECT_EQ(catch_up_from(at("2026-09-29T10:00:00+08:00")), at("2026-08-29T00:00:00+08:00"));
  // The window's first instant counts: started at 28 September 00:00 ...
  auto edge = missed_promotions(rules_, {"450000"}, at("2026-09-28T00:00:00+08:00"));
  ASSERT_EQ(edge.size(), 1u);
  // ... and in November nothing is caught up: a county decides that.
  EXPECT_TRUE(missed_promotions(rules_, provinces_, at("2026-11-02T00:00:00+08:00")).empty());
  // Before the date, nothing yet.
  EXPECT_TRUE(missed_promotions(rules_, provinces_, at("2026-08-27T23:59:59+08:00")).empty());
}

TEST(PromotionProvince, TheScopesProvinceOrTheNationalDefault) {
  auto orgs = load_org_file(test::project_path("config/demo/orgs.yaml"));
  ASSERT_TRUE(orgs.ok()) << orgs.error().message;
  EXPECT_EQ(promotion_province(*orgs, "450102"), "450000");
  EXPECT_EQ(promotion_province(*orgs, "450000"), "450000");
  // A code the tree does not know: its first two digits (the bench's "45").
  EXPECT_EQ(promotion_province(*orgs, "45"), "450000");
  EXPECT_EQ(promotion_province(*orgs, std::string(OrgTree::kMinistryCode)), "");
  EXPECT_EQ(promotion_province(*orgs, ""), "");
  const auto provinces = promotion_provinces(*orgs);
  EXPECT_NE(std::find(provinces.begin(), provinces.end(), "450000"), provinces.end());
  for (const auto& p : provinces) EXPECT_EQ(p.substr(2), "0000") << p;
}

}  // namespace
}  // namespace xueji
