// Deferral (缓学, Art. 11): one school year, from the province's intake the
// child defers to the next, not twelve months from the approval; only for a
// child of the entry age (6, or 7 where the province allows) counted on the
// province's cut-off day; the school-year file's intake and entry age read
// with file:line on a bad value.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/case/deferral_history.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

std::vector<std::string> types_of(const std::vector<CaseEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.emplace_back(to_string(e.type));
  return out;
}

// The shipped rules and, added to them or in place of the file of the same
// path, `extra` files (path, text).
Result<RuleSet> shipped_rules_with(const std::vector<RuleSource>& extra) {
  std::vector<RuleSource> sources;
  const auto root = std::filesystem::path(project_path("workflows"));
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const auto relative = std::filesystem::relative(entry.path(), root).string();
    if (entry.path().extension() != ".yaml" || relative.rfind("password", 0) == 0) continue;
    bool replaced = false;
    for (const auto& e : extra) replaced = replaced || e.file == relative;
    if (replaced) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    sources.push_back({relative, text.str()});
  }
  sources.insert(sources.end(), extra.begin(), extra.end());
  return load_rules(sources);
}

class DeferralTerm : public CaseFixture {
 protected:
  static OpenCase deferral(const std::string& county, const std::string& birth) {
    OpenCase c;
    c.kind = "deferral";
    c.by = "guardian";
    c.fields["household_county"] = county;
    c.child_resident_id = make_resident_id(county, birth, "002");
    return c;
  }
};

TEST_F(DeferralTerm, EndsAtTheNationalIntakeOneSchoolYearOn) {
  // Guangdong has no school-year file: the national intake, 1 September.
  open(deferral("440104", "20200315"), at("2026-05-10T10:00:00+08:00"));
  EXPECT_EQ(state_.effects.term_from, day("2026-09-01"));
  auto done =
      run(DecideStep{"household_county", "440104", "approve", ""}, at("2026-05-20T10:00:00+08:00"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  // Not 2027-05-20 (twelve months from the approval): the intake after the
  // school year deferred.
  EXPECT_EQ(*(*done)[1].term_ends, at("2027-09-01T00:00:00+08:00"));
  const auto fired = run_timers_until(at("2028-01-01T00:00:00+08:00"));
  ASSERT_EQ(types_of(fired), std::vector<std::string>{"term_ended"});
  EXPECT_EQ(fired[0].org, "440104");  // the county takes a new application
}

TEST_F(DeferralTerm, EndsAtTheProvincesOwnIntake) {
  // Guangxi's school year and intake start on 28 August (school_year.yaml).
  open(deferral("450103", "20200315"), at("2026-03-02T10:00:00+08:00"));
  auto done =
      run(DecideStep{"household_county", "450103", "approve", ""}, at("2026-03-03T10:00:00+08:00"));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(*(*done)[1].term_ends, at("2027-08-28T00:00:00+08:00"));
}

TEST_F(DeferralTerm, AFifteenYearOldIsRefusedNamingArticle11) {
  auto refused = run(deferral("440104", "20110101"), at("2026-05-10T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "rule_refused");
  EXPECT_NE(refused.error().message.find("Art. 11"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("this child is 15"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(state_.status, CaseStatus::none);  // nothing opened
}

// Art. 11: 缓学期满仍不能就学的,应重新提出申请. The deferral that ran its
// year makes the child seven at the next intake: the new application is
// checked a year older, and only for each year actually deferred.
TEST_F(DeferralTerm, AChildDeferredOnceMayApplyAgainAYearOlder) {
  open(deferral("440104", "20200315"), at("2026-05-10T10:00:00+08:00"));
  ASSERT_TRUE(
      run(DecideStep{"household_county", "440104", "approve", ""}, at("2026-05-20T10:00:00+08:00"))
          .ok());
  run_timers_until(at("2027-09-02T00:00:00+08:00"));
  ASSERT_EQ(state_.status, CaseStatus::closed);
  const std::vector<CaseState> history = {state_};
  EXPECT_EQ(deferred_school_years(history), 1);

  // Seven on 31 August 2027: refused as a first application in Guangdong
  // (seven not allowed), accepted after the deferral that made it so.
  state_ = CaseState();
  state_.id = "c2";
  OpenCase again = deferral("440104", "20200315");
  auto first = run(again, at("2027-06-01T10:00:00+08:00"));
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().message.find("this child is 7"), std::string::npos);
  again.deferred_years = deferred_school_years(history);
  ASSERT_TRUE(run(again, at("2027-06-01T10:00:00+08:00")).ok());
  // A year deferred allows one year more, not two.
  state_ = CaseState();
  state_.id = "c3";
  auto late = run(again, at("2028-06-01T10:00:00+08:00"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().message,
            "a deferral is for a child of the entry age, 6 on 2028-08-31, or up to 7 after 1 "
            "school year(s) deferred; this child is 8 (Art. 11)");
  // A deferral rejected or still running deferred nothing.
  CaseState rejected = history[0];
  rejected.outcome = "rejected";
  rejected.term_ends.reset();
  EXPECT_EQ(deferred_school_years({rejected}), 0);
}

TEST_F(DeferralTerm, TheAgeCountsOnTheCutOffDay) {
  // Six on 31 August 2026: born on or before 31 August 2020.
  EXPECT_TRUE(run(deferral("440104", "20200831"), at("2026-05-10T10:00:00+08:00")).ok());
  CaseState fresh;
  fresh.id = "c2";
  state_ = fresh;
  auto young = run(deferral("440104", "20200901"), at("2026-05-10T10:00:00+08:00"));
  ASSERT_FALSE(young.ok());
  EXPECT_NE(young.error().message.find("this child is 5"), std::string::npos)
      << young.error().message;
  // Seven is past the entry age where the province does not allow it.
  auto seven = run(deferral("440104", "20190601"), at("2026-05-10T10:00:00+08:00"));
  ASSERT_FALSE(seven.ok());
  EXPECT_NE(seven.error().message.find("entry age, 6 on 2026-08-31"), std::string::npos)
      << seven.error().message;
}

TEST_F(DeferralTerm, SevenWhereTheProvinceAllowsIt) {
  auto rules =
      shipped_rules_with({{"provinces/440000/school_year.yaml",
                           "province: \"440000\"\nschool_year:\n  promotion: {date: \"09-01\"}\n"
                           "  entry_age: {cutoff: \"08-31\", seven_allowed: true}\n"}});
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const DecisionContext ctx{*rules, *orgs_, *calendars_};
  CaseState none;
  none.id = "c3";
  EXPECT_TRUE(
      decide(none, deferral("440104", "20190601"), at("2026-05-10T10:00:00+08:00"), ctx).ok());
  auto eight = decide(none, deferral("440104", "20180601"), at("2026-05-10T10:00:00+08:00"), ctx);
  ASSERT_FALSE(eight.ok());
  EXPECT_NE(eight.error().message.find("6 or 7"), std::string::npos) << eight.error().message;
}

TEST_F(DeferralTerm, MonthsAreNotTheChildsToChoose) {
  OpenCase c = deferral("440104", "20200315");
  c.fields["months"] = "6";
  auto refused = run(c, at("2026-05-10T10:00:00+08:00"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_field");
  EXPECT_NE(refused.error().message.find("one school year"), std::string::npos);
}

TEST(SchoolYearFile, IntakeAndEntryAgeAreReadWithTheirDefaults) {
  auto rules = load_rules(project_path("workflows"));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const SchoolYearRule guangxi = rules->school_year("450000");
  EXPECT_EQ(guangxi.intake, (PromotionDate{8, 28}));
  EXPECT_EQ(guangxi.entry_age.cutoff, (PromotionDate{8, 31}));
  EXPECT_FALSE(guangxi.entry_age.seven_allowed);
  const SchoolYearRule national = rules->school_year("440000");
  EXPECT_EQ(national.intake, (PromotionDate{9, 1}));
  EXPECT_EQ(national.entry_age.cutoff, (PromotionDate{8, 31}));
  EXPECT_FALSE(national.entry_age.seven_allowed);
}

TEST(SchoolYearFile, BadIntakeOrEntryAgeIsRefusedWithFileAndLine) {
  const std::string file = "provinces/440000/school_year.yaml:";
  auto refused = [&](const std::string& body) {
    auto r = shipped_rules_with({{"provinces/440000/school_year.yaml",
                                  "province: \"440000\"\nschool_year:\n  promotion: {date: "
                                  "\"09-01\"}\n" +
                                      body}});
    EXPECT_FALSE(r.ok()) << body;
    return r.ok() ? std::string() : r.error().message;
  };
  std::string m = refused("  intake: {date: \"03-01\"}\n");
  EXPECT_EQ(m.rfind(file + "4:", 0), 0u) << m;
  EXPECT_NE(m.find("not in August or September"), std::string::npos) << m;
  m = refused("  entry_age: {cutoff: \"02-29\"}\n");
  EXPECT_EQ(m.rfind(file + "4:", 0), 0u) << m;
  EXPECT_NE(m.find("not a day of every year"), std::string::npos) << m;
  m = refused("  entry_age: {seven_allowed: \"yes\"}\n");
  EXPECT_EQ(m.rfind(file + "4:", 0), 0u) << m;
  EXPECT_NE(m.find("must be true or false"), std::string::npos) << m;
  m = refused("  entry_age: {age: 6}\n");
  EXPECT_NE(m.find("unknown key 'age'"), std::string::npos) << m;
}

TEST(SchoolYearFile, ATermsEndAndReviewAreCheckedWithFileAndLine) {
  auto shipped = [](const std::string& name) {
    std::ifstream in(project_path("workflows") + "/national/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::string deferral = shipped("deferral.yaml");
  deferral.replace(deferral.find("ends: at_intake"), 15, "ends: at_once");
  auto bad_end = shipped_rules_with({{"national/deferral.yaml", deferral}});
  ASSERT_FALSE(bad_end.ok());
  EXPECT_EQ(bad_end.error().message.rfind("national/deferral.yaml:", 0), 0u)
      << bad_end.error().message;
  EXPECT_NE(bad_end.error().message.find("'ends' must be at_intake"), std::string::npos)
      << bad_end.error().message;
  std::string leave = shipped("leave.yaml");
  leave.replace(leave.find("party: school, deadline: {working_days: 10}}\n"), 13, "party: county");
  auto bad_review = shipped_rules_with({{"national/leave.yaml", leave}});
  ASSERT_FALSE(bad_review.ok());
  EXPECT_NE(bad_review.error().message.find("the review is for the party the term's end notifies"),
            std::string::npos)
      << bad_review.error().message;
}

}  // namespace
}  // namespace xueji::test
