// The national rules' statutory bounds (issue 16, defect 1): an overlay that
// gives a party more than the Measures allow, drops a party they require or
// lengthens a term beyond them is refused with file:line, the bound and its
// article; so is a national file outside its own bounds.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/workflow/rule_loader.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

// Every shipped national file, as the loader reads them.
std::vector<RuleSource> shipped_national() {
  std::vector<RuleSource> out;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::project_path("workflows/national"))) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    out.push_back({"national/" + entry.path().filename().string(), text.str()});
  }
  return out;
}

// The load of the shipped national rules with `overlay` as `file`: its
// error message, or "" when it loads.
std::string load_with(const std::string& file, const std::string& overlay) {
  auto sources = shipped_national();
  sources.push_back({file, overlay});
  auto r = load_rules(sources);
  return r.ok() ? std::string() : r.error().message;
}

TEST(RuleBounds, ShippedRulesKeepInsideTheirBounds) {
  auto r = load_rules(test::project_path("workflows"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(load_with("p/zj.yaml",
                      "province: \"330000\"\nkind: transfer\nsteps:\n"
                      "  sending_school: {deadline: {working_days: 10}}\n"),
            "");
}

// Defect 1: six months for a party Art. 15 gives ten working days.
TEST(RuleBounds, RefusesMonthsWhereTheMeasuresCountWorkingDays) {
  EXPECT_EQ(load_with("provinces/330000/transfer.yaml",
                      "province: \"330000\"\nkind: transfer\nsteps:\n"
                      "  sending_school: {deadline: {months: 6}}\n"),
            "provinces/330000/transfer.yaml:4: sending_school's deadline 6 months is not "
            "counted in working days like the national bound of 10 working days (Art. 15)");
}

TEST(RuleBounds, RefusesALongerDeadlineWithTheBoundAndItsArticle) {
  EXPECT_EQ(load_with("workflows/provinces/330000/transfer.yaml",
                      "# Zhejiang\nprovince: \"330000\"\nkind: transfer\nnote: x\nsteps:\n"
                      "  sending_county: {deadline: {working_days: 10}}\n"
                      "  sending_school: {deadline: {working_days: 120}}\n"),
            "workflows/provinces/330000/transfer.yaml:7: sending_school's deadline 120 working "
            "days exceeds the national bound of 10 working days (Art. 15)");
  // An added step of a bounded party is held to the same bound.
  EXPECT_EQ(load_with("p/t.yaml",
                      "province: \"330000\"\nkind: transfer\nadd_steps:\n"
                      "  - {step: city, party: sending_city, deadline: {working_days: 11}}\n"),
            "p/t.yaml:4: city (sending_city)'s deadline 11 working days exceeds the national "
            "bound of 10 working days (Art. 15)");
}

// Defect 1: both counties' review dropped.
TEST(RuleBounds, RefusesDroppingARequiredParty) {
  EXPECT_EQ(load_with("p/t.yaml",
                      "province: \"330000\"\nkind: transfer\n"
                      "drop_steps:\n  - receiving_county\n  - sending_county\n"),
            "p/t.yaml:5: sending_county may not be dropped or made conditional: Art. 15 "
            "requires its step in every transfer");
  // Nor made conditional, which drops it from some cases.
  EXPECT_EQ(load_with("p/t.yaml",
                      "province: \"330000\"\nkind: transfer\nsteps:\n"
                      "  receiving_county: {when: same_province}\n"),
            "p/t.yaml:4: receiving_county may not be dropped or made conditional: Art. 15 "
            "requires its step in every transfer");
  // Dropped and added back for the same party, the county still answers.
  EXPECT_EQ(load_with("p/t.yaml",
                      "province: \"330000\"\nkind: transfer\n"
                      "drop_steps: [sending_county]\nadd_steps:\n"
                      "  - {step: county_review, party: sending_county, "
                      "after: sending_school, deadline: {working_days: 7}}\n"),
            "");
}

// Defect 1: a 36-month leave; Art. 16 allows at most one year.
TEST(RuleBounds, RefusesALongerTerm) {
  EXPECT_EQ(load_with("p/leave.yaml",
                      "province: \"450000\"\nkind: leave\nterm:\n"
                      "  max_months: 36\n"),
            "p/leave.yaml:4: the term's max_months 36 exceeds the national bound of 12 months "
            "(Art. 16)");
  EXPECT_EQ(load_with("p/leave.yaml",
                      "province: \"450000\"\nkind: leave\nterm:\n"
                      "  max_months: 6\n"),
            "");
}

// Defect 1: 400 working days for a death; Art. 21 gives the school 60.
TEST(RuleBounds, RefusesADeathDeadlineBeyondSixtyWorkingDays) {
  EXPECT_EQ(load_with("p/d.yaml",
                      "province: \"330000\"\nkind: death_deregistration\nsteps:\n"
                      "  school: {deadline: {working_days: 400}}\n"),
            "p/d.yaml:4: school's deadline 400 working days exceeds the national bound of 60 "
            "working days (Art. 21)");
  // Art. 21 fixes no period for the superior: no bound, so a province sets one.
  EXPECT_EQ(load_with("p/d.yaml",
                      "province: \"330000\"\nkind: death_deregistration\nsteps:\n"
                      "  superior: {deadline: {working_days: 30}}\n"),
            "");
}

TEST(RuleBounds, AProvinceCannotChangeTheBounds) {
  const std::string message =
      load_with("p/t.yaml", "province: \"330000\"\nkind: transfer\nbounds: {}\n");
  EXPECT_EQ(message.rfind("p/t.yaml:3:", 0), 0u) << message;
  EXPECT_NE(message.find("unknown key 'bounds'"), std::string::npos) << message;
}

const char* kNational = R"(kind: transfer
title: 转学
article: Art. 15
initiators: [receiving_school]
fields: [to_school]
bounds:
  max_deadline:
    sending_school: {working_days: 10}
  required_steps: [sending_school, receiving_county]
steps:
  - {step: sending_school, party: sending_school, deadline: {working_days: 12}}
  - {step: receiving_county, party: receiving_county, deadline: {working_days: 10}}
)";

TEST(RuleBounds, ANationalFileKeepsInsideItsOwnBounds) {
  auto over = load_rules({{"n/transfer.yaml", kNational}});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message,
            "n/transfer.yaml:11: sending_school's deadline 12 working days exceeds the national "
            "bound of 10 working days (Art. 15)");
  std::string conditional = kNational;
  conditional.replace(conditional.find("working_days: 12"), 16, "working_days: 10");
  conditional.replace(conditional.rfind("}}"), 2, "}, when: cross_province}");
  auto missing = load_rules({{"n/transfer.yaml", conditional}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            "n/transfer.yaml:9: receiving_county has no step that always runs, which Art. 15 "
            "requires");
  std::string fine = kNational;
  fine.replace(fine.find("working_days: 12"), 16, "working_days: 10");
  EXPECT_TRUE(load_rules({{"n/transfer.yaml", fine}}).ok());
}

TEST(RuleBounds, RefusesMalformedBounds) {
  std::string bad = kNational;
  bad.replace(bad.find("{working_days: 10}\n  required"), 18, "{weeks: 2}");
  auto r = load_rules({{"n/transfer.yaml", bad}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("n/transfer.yaml:8:", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find("unknown key 'weeks'"), std::string::npos);
  std::string party = kNational;
  party.replace(party.find("[sending_school, receiving_county]"), 34, "[headmaster]");
  auto p = load_rules({{"n/transfer.yaml", party}});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("unknown party 'headmaster'"), std::string::npos);
}

// Art. 25: a window past the term it checks, or a check no school makes.
TEST(RuleBounds, ATermlyCheckKeepsItsWindowInsideTheTermAndItsSchool) {
  EXPECT_EQ(load_with("provinces/450000/roster_check.yaml",
                      "province: \"450000\"\nkind: roster_check\nsteps:\n"
                      "  school: {deadline: {working_days: 30}}\n"),
            "");
  EXPECT_EQ(load_with("provinces/450000/roster_check.yaml",
                      "province: \"450000\"\nkind: roster_check\nsteps:\n"
                      "  school: {deadline: {working_days: 70}}\n"),
            "provinces/450000/roster_check.yaml:4: school's deadline 70 working days exceeds "
            "the national bound of 60 working days (Art. 25)");
  EXPECT_EQ(load_with("p/d.yaml",
                      "province: \"450000\"\nkind: dropout_follow_up\ndrop_steps:\n"
                      "  - county\n"),
            "p/d.yaml:4: county may not be dropped or made conditional: Art. 17 requires its "
            "step in every dropout_follow_up");
}

}  // namespace
}  // namespace xueji
