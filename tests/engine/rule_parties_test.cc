// Each province rules its own parties (issue 16, defect 2; Art. 5, 15, 29):
// in a transfer between provinces the sending side follows the sending
// province's rules and the receiving side the receiving province's, each on
// its own calendar.

#include <gtest/gtest.h>

#include "engine/workflow/party_rules.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

OpenCase transfer(const Student& s, const std::string& to_school) {
  OpenCase c;
  c.kind = "transfer";
  c.by = to_school;
  c.fields["to_school"] = to_school;
  c.student = s;
  return c;
}

std::vector<std::string> plan_of(const CaseEvent& opened) {
  std::vector<std::string> out;
  for (const auto& p : opened.plan) {
    out.push_back(p.step + "@" + p.org + " " + p.deadline.to_string());
  }
  return out;
}

using EachProvinceRulesItsParties = CaseFixture;

TEST_F(EachProvinceRulesItsParties, ZhejiangToGuangxi) {
  const auto opened =
      open(transfer(student("3301020001", 6), "4501030002"), at("2025-09-01T10:00:00+08:00"));
  ASSERT_FALSE(opened.empty());
  // Zhejiang's 5 working days and its sending city for the sending side;
  // Guangxi has no transfer overlay: Art. 15's 10 for its county.
  EXPECT_EQ(plan_of(opened[0]),
            (std::vector<std::string>{
                "sending_school@3301020001 5 working days", "sending_county@330102 5 working days",
                "sending_city@330100 5 working days", "receiving_county@450103 10 working days"}));
  EXPECT_EQ(opened[0].province, "330000");  // the case is opened under the student's province
  for (const char* step : {"sending_school", "sending_county", "sending_city"}) {
    ASSERT_TRUE(run(DecideStep{step, state_.active()->plan.org, "approve", ""},
                    at("2025-09-18T10:00:00+08:00"))
                    .ok());
  }
  // 10 working days on Guangxi's calendar from 18 September 2025: across
  // National Day (1-8 October off, Sunday 28 September worked).
  ASSERT_NE(state_.active(), nullptr);
  EXPECT_EQ(state_.active()->plan.step, "receiving_county");
  EXPECT_EQ(*state_.active()->due, day("2025-10-09"));
}

TEST_F(EachProvinceRulesItsParties, GuangxiToZhejiang) {
  const auto opened =
      open(transfer(student("4501020001", 6), "3301020001"), at("2025-09-01T10:00:00+08:00"));
  ASSERT_FALSE(opened.empty());
  // Guangxi's sending side runs the national rule, without Zhejiang's
  // sending city (Zhejiang's rule for transfers out of Zhejiang); Zhejiang's
  // county receives in its own 5 working days.
  EXPECT_EQ(plan_of(opened[0]),
            (std::vector<std::string>{"sending_school@4501020001 10 working days",
                                      "sending_county@450102 10 working days",
                                      "receiving_county@330102 5 working days"}));
}

TEST_F(EachProvinceRulesItsParties, WithinAProvinceItsOwnRulesOnly) {
  const auto opened =
      open(transfer(student("3301020001", 6), "3302030002"), at("2025-09-01T10:00:00+08:00"));
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(plan_of(opened[0]),
            (std::vector<std::string>{"sending_school@3301020001 5 working days",
                                      "sending_county@330102 5 working days",
                                      "receiving_county@330203 5 working days"}));
}

StepRule step(const std::string& name, const std::string& party, int days) {
  StepRule s;
  s.step = name;
  s.party = party;
  s.deadline = Period{Period::Unit::working_days, days};
  return s;
}

TEST(RulesOfEachParty, TakesTheReceivingSideWholeFromItsProvince) {
  CaseKindRules sending;
  sending.kind = "transfer";
  sending.article = "Art. 15";
  sending.province = "330000";
  sending.steps = {step("sending_school", "sending_school", 5),
                   step("receiving_county", "receiving_county", 5), step("escalate", "superior", 3),
                   step("city", "sending_city", 5)};
  CaseKindRules receiving = sending;
  receiving.province = "450000";
  receiving.steps = {step("sending_school", "sending_school", 10),
                     step("receiving_county", "receiving_county", 8),
                     step("city", "receiving_city", 9)};
  const CaseKindRules own = rules_of_each_party(sending, receiving);
  std::vector<std::string> names;
  for (const auto& s : own.steps) {
    names.push_back(s.step + ":" + s.party + ":" + std::to_string(s.deadline.amount));
  }
  // The sending side's superior step goes with its receiving step; the
  // receiving province's city step keeps apart from the sending one's name.
  EXPECT_EQ(names, (std::vector<std::string>{
                       "sending_school:sending_school:5", "receiving_county:receiving_county:8",
                       "city_450000:receiving_city:9", "city:sending_city:5"}));
  EXPECT_EQ(own.province, "330000");
  EXPECT_EQ(own.article, "Art. 15");
}

}  // namespace
}  // namespace xueji::test
