// Workflow rule files: the shipped ones load; bad ones are refused with
// file, line and reason; overlays change deadlines, add and drop steps.

#include <gtest/gtest.h>

#include "engine/workflow/rule_loader.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

const char* kTransfer = R"(kind: transfer
title: 转学
article: Art. 15
initiators: [receiving_school]
fields: [to_school]
steps:
  - {step: sending_school, party: sending_school, deadline: {working_days: 10}}
  - {step: sending_county, party: sending_county, deadline: {working_days: 10}}
  - {step: receiving_county, party: receiving_county, deadline: {working_days: 10}}
)";

void expect_refused(const std::vector<RuleSource>& sources, const std::string& where,
                    const std::string& reason) {
  auto r = load_rules(sources);
  ASSERT_FALSE(r.ok()) << "expected refusal: " << reason;
  EXPECT_EQ(r.error().code, "invalid_file");
  EXPECT_EQ(r.error().message.rfind(where, 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
}

TEST(RuleLoader, ShippedRulesLoadWithEveryNationalKind) {
  auto rules = load_rules(test::project_path("workflows"));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_EQ(rules->kinds(),
            (std::vector<std::string>{"archive_build", "archive_update", "death_deregistration",
                                      "deferral", "dropout_follow_up", "grade_change", "graduation",
                                      "info_change", "leave", "resume", "return_from_abroad",
                                      "roster_check", "specialised_school_entry",
                                      "specialised_school_return", "stage_handover", "study_abroad",
                                      "transfer", "withdrawal"}));
  EXPECT_EQ(rules->version().size(), 16u);
  const CaseKindRules* transfer = rules->find("transfer", "440000");
  ASSERT_NE(transfer, nullptr);
  ASSERT_EQ(transfer->steps.size(), 3u);
  // Art. 15: three parties after the receiving school, 10 working days each, in order.
  const char* order[] = {"sending_school", "sending_county", "receiving_county"};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(transfer->steps[i].step, order[i]);
    EXPECT_EQ(transfer->steps[i].deadline, (Period{Period::Unit::working_days, 10}));
    EXPECT_EQ(transfer->steps[i].reminder_working_days_before, 2);
    ASSERT_TRUE(transfer->steps[i].follow_up.has_value());
    EXPECT_EQ(*transfer->steps[i].follow_up, (Period{Period::Unit::working_days, 5}));
  }
  EXPECT_EQ(transfer->initiators, std::vector<std::string>{"receiving_school"});
  // Art. 21: 60 working days for the school.
  const CaseKindRules* death = rules->find("death_deregistration", "440000");
  ASSERT_NE(death, nullptr);
  EXPECT_EQ(death->steps.front().deadline.amount, 60);
  EXPECT_EQ(death->steps.back().party, "superior");
  // Art. 18: withdrawal only for grades 10-12.
  const CaseKindRules* withdrawal = rules->find("withdrawal", "440000");
  ASSERT_NE(withdrawal, nullptr);
  EXPECT_EQ(withdrawal->preconditions.front().min_grade, 10);
}

TEST(RuleLoader, ProvinceOverlaysApplyOnlyToTheirProvince) {
  auto rules = load_rules(test::project_path("workflows"));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const CaseKindRules* zj = rules->find("transfer", "330000");
  ASSERT_NE(zj, nullptr);
  ASSERT_EQ(zj->steps.size(), 4u);
  EXPECT_EQ(zj->steps[0].deadline.amount, 5);
  EXPECT_EQ(zj->steps[2].step, "sending_city");
  EXPECT_EQ(zj->steps[2].when, StepCondition::cross_province);
  EXPECT_EQ(zj->steps[2].follow_up->amount, 3);
  EXPECT_EQ(zj->steps[3].step, "receiving_county");
  EXPECT_EQ(rules->find("transfer", "450000")->steps[0].deadline.amount, 10);
  const CaseKindRules* gx_leave = rules->find("leave", "450000");
  EXPECT_EQ(gx_leave->steps[0].deadline.amount, 7);
  EXPECT_EQ(gx_leave->steps[1].follow_up->amount, 10);
  EXPECT_EQ(rules->find("leave", "330000")->steps[0].deadline.amount, 10);
  EXPECT_EQ(rules->find("nonexistent", "330000"), nullptr);
}

TEST(RuleLoader, VersionIsAContentHash) {
  auto a = load_rules({{"national/transfer.yaml", kTransfer}});
  auto b = load_rules({{"national/transfer.yaml", kTransfer}});
  auto c = load_rules({{"national/transfer.yaml", std::string(kTransfer) + "# changed\n"}});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->version(), b->version());
  EXPECT_NE(a->version(), c->version());
}

TEST(RuleLoader, RefusesAnUnknownParty) {
  std::string text = kTransfer;
  text.replace(text.find("party: sending_county"), 21, "party: sending_countyy");
  expect_refused({{"n/transfer.yaml", text}},
                 "n/transfer.yaml:8:", "unknown party 'sending_countyy'");
}

TEST(RuleLoader, RefusesAStepWithoutDeadline) {
  expect_refused({{"n/transfer.yaml", R"(kind: transfer
title: x
initiators: [receiving_school]
steps:
  - {step: a, party: sending_school}
)"}},
                 "n/transfer.yaml:5:", "missing 'deadline'");
}

TEST(RuleLoader, RefusesSilentExpiry) {
  expect_refused({{"n/transfer.yaml", R"(kind: transfer
title: x
initiators: [receiving_school]
steps:
  - step: a
    party: sending_school
    deadline: {working_days: 10}
    on_timeout: {escalate_to: nobody}
)"}},
                 "n/transfer.yaml:8:", "never silent expiry");
}

TEST(RuleLoader, RefusesAFileNamedForAnotherKind) {
  expect_refused({{"n/leave.yaml", kTransfer}}, "n/leave.yaml:1:", "named 'leave'");
}

TEST(RuleLoader, RefusesBadValuesWithTheirLine) {
  std::string zero = kTransfer;
  zero.replace(zero.find("working_days: 10"), 16, "working_days: 0");
  expect_refused({{"n/transfer.yaml", zero}}, "n/transfer.yaml:7:", "between 1 and 1000");
  std::string typo = std::string(kTransfer) + "stepz: []\n";
  expect_refused({{"n/transfer.yaml", typo}}, "n/transfer.yaml:10:", "unknown key 'stepz'");
  expect_refused({{"n/transfer.yaml", "kind: transfer\ntitle: [unclosed\n"}},
                 "n/transfer.yaml:", "");
  std::string dup =
      std::string(kTransfer) +
      "  - {step: sending_school, party: receiving_county, deadline: {working_days: 1}}\n";
  expect_refused({{"n/transfer.yaml", dup}}, "n/transfer.yaml:", "appears twice");
  std::string reminder = kTransfer;
  reminder.replace(reminder.find("deadline: {working_days: 10}}"), 29,
                   "deadline: {working_days: 2}, reminder: {working_days_before: 2}}");
  expect_refused({{"n/transfer.yaml", reminder}}, "n/transfer.yaml:", "must fall inside");
}

TEST(RuleLoader, RefusesBadOverlays) {
  const RuleSource national{"n/transfer.yaml", kTransfer};
  expect_refused({national, {"p/x.yaml", "province: \"990000\"\nkind: transfer\n"}},
                 "p/x.yaml:1:", "unknown province '990000'");
  expect_refused({national, {"p/x.yaml", "province: \"330000\"\nkind: leave\n"}},
                 "p/x.yaml:2:", "unknown kind 'leave'");
  expect_refused({national,
                  {"p/x.yaml",
                   "province: \"330000\"\nkind: transfer\nsteps:\n  "
                   "nosuch: {deadline: {working_days: 3}}\n"}},
                 "p/x.yaml:4:", "does not have");
  expect_refused({national,
                  {"p/x.yaml",
                   "province: \"330000\"\nkind: transfer\nadd_steps:\n  - "
                   "{step: c, party: receiving_city, after: zzz, deadline: "
                   "{working_days: 3}}\n"}},
                 "p/x.yaml:4:", "no step 'zzz'");
  expect_refused({national,
                  {"p/x.yaml",
                   "province: \"330000\"\nkind: transfer\ndrop_steps: "
                   "[sending_school, sending_county, receiving_county]\n"}},
                 "p/x.yaml:", "no steps left");
}

TEST(RuleLoader, OverlayDropsAndAddsSteps) {
  auto r = load_rules({{"n/transfer.yaml", kTransfer}, {"p/t.yaml", R"(province: "330000"
kind: transfer
drop_steps: [sending_county]
add_steps:
  - {step: first, party: sending_school, deadline: {working_days: 3}}
  - {step: city, party: receiving_city, after: sending_school, deadline: {months: 1}, reminder: none, on_timeout: {escalate_to: superior, follow_up: none}}
)"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const CaseKindRules* t = r->find("transfer", "330000");
  std::vector<std::string> names;
  for (const auto& s : t->steps) names.push_back(s.step);
  EXPECT_EQ(names,
            (std::vector<std::string>{"sending_school", "city", "receiving_county", "first"}));
  EXPECT_FALSE(t->steps[1].reminder_working_days_before.has_value());
  EXPECT_FALSE(t->steps[1].follow_up.has_value());
  EXPECT_EQ(t->steps[1].deadline.unit, Period::Unit::months);
  EXPECT_EQ(r->find("transfer", "440000")->steps.size(), 3u);
}

TEST(RuleLoader, ChecksADirectory) {
  auto missing = load_rules(std::string("/nonexistent/workflows"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/workflows"), std::string::npos);
}

}  // namespace
}  // namespace xueji
