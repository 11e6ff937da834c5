// adapters/http/case_json.h prints a case without building a tree: what it
// prints must be what a tree of the same case dumps, byte for byte, with
// every optional member present, its events' instants as text.

#include "adapters/http/case_json.h"

#include <gtest/gtest.h>

#include "adapters/http/json_text.h"
#include "engine/case/event_codec.h"

namespace xueji::http {
namespace {

using nlohmann::json;

Date day(const char* text) { return *Date::parse(text); }

// A transfer escalated once and decided at the county, every member the
// API prints present, Chinese and characters that need escaping among them.
CaseState escalated_transfer() {
  CaseState c;
  c.id = "case-2025-000042";
  c.status = CaseStatus::closed;
  c.kind = "transfer";
  c.rule_version = "551255671610c330";
  c.subject = "G450102201309150019";
  c.opened_by = "4501030002";
  c.outcome = "approved";
  c.opened_at = Instant::from_unix_seconds(1758852000);
  c.term_ends = Instant::from_unix_seconds(1767196800);
  c.fields = {{"date_of_death", "2025-09-01"},
              {"learned_on", "2025-09-03"},
              {"term", "2025-2026-1"},
              {"finding", "在读 \"核查\" \\ ok"},
              {"reason", "not printed"}};
  StepState school;
  school.plan = PlannedStep{"sending_school", "sending_school", "4501020001", {}, {}, {}, "15"};
  school.status = StepStatus::approved;
  school.due = day("2025-10-16");
  school.holder = "450102";
  school.holder_due = day("2025-10-30");
  school.escalated_to = {"450102", "4501"};
  school.decision = "approve";
  school.provisional = true;
  StepState county;
  county.plan = PlannedStep{"sending_county", "sending_county", "450102", {}, {}, {}, "15"};
  county.status = StepStatus::waiting;
  c.steps = {school, county};
  return c;
}

std::vector<CaseEvent> its_history() {
  CaseEvent opened;
  opened.type = CaseEventType::opened;
  opened.at = Instant::from_unix_seconds(1758852000);
  opened.kind = "transfer";
  opened.subject = "G450102201309150019";
  opened.by = "4501030002";
  opened.fields = {{"reason", "随父母工作调动\n\t\x01"}};
  opened.plan = {PlannedStep{"sending_school", "sending_school", "4501020001", {}, 2, {}, "15"}};
  CaseEvent decided;
  decided.type = CaseEventType::decided;
  decided.at = Instant::from_unix_seconds(1758938400);
  decided.step = "sending_school";
  decided.org = "4501020001";
  decided.decision = "approve";
  decided.note = "同意";
  return {opened, decided};
}

TEST(CaseJson, PrintsWhatATreeOfTheSameCaseDumps) {
  const CaseState c = escalated_transfer();
  const std::vector<CaseEvent> history = its_history();
  for (const auto* events : {static_cast<const std::vector<CaseEvent>*>(nullptr), &history}) {
    const std::string text = json_object_text(case_members(c, events));
    const json tree = json::parse(text);
    EXPECT_EQ(text, tree.dump());
    EXPECT_EQ(tree.contains("history"), events != nullptr);
  }
  const json tree = json::parse(json_object_text(case_members(c, &history)));
  EXPECT_EQ(tree["finding"], "在读 \"核查\" \\ ok");
  EXPECT_FALSE(tree.contains("reason"));
  EXPECT_EQ(tree["opened_at"], c.opened_at->to_string());
  EXPECT_EQ(tree["term_ends"], c.term_ends->to_string());
  const json& first = tree["steps"][0];
  EXPECT_EQ(first["escalated_to"], json::array({"450102", "4501"}));
  EXPECT_EQ(first["holder_due"], "2025-10-30");
  EXPECT_EQ(first["due"], "2025-10-16");
  EXPECT_EQ(first["provisional"], true);
  EXPECT_EQ(first["status"], "approved");
  const json& second = tree["steps"][1];
  EXPECT_EQ(second, json({{"step", "sending_county"},
                          {"party", "sending_county"},
                          {"org", "450102"},
                          {"status", "waiting"}}));
}

TEST(CaseJson, AnEventIsItsBodyWithItsInstantAsText) {
  const CaseState c = escalated_transfer();
  const std::vector<CaseEvent> history = its_history();
  const json tree = json::parse(json_object_text(case_members(c, &history)));
  ASSERT_EQ(tree["history"].size(), history.size());
  for (size_t i = 0; i < history.size(); ++i) {
    json body = json::parse(event_body(history[i]));
    ASSERT_TRUE(body["at"].is_number());
    body["at"] = history[i].at.to_string();
    EXPECT_EQ(tree["history"][i], body) << i;
  }
}

TEST(CaseJson, AMemberAddedBeforePrintingTakesItsPlaceInKeyOrder) {
  auto members = case_members(escalated_transfer(), nullptr);
  append_json_string(members["progress_code"], "K7Q-2M9-XP4");
  json expected = case_json(escalated_transfer(), nullptr);
  expected["progress_code"] = "K7Q-2M9-XP4";
  EXPECT_EQ(json_object_text(members), expected.dump());
}

}  // namespace
}  // namespace xueji::http
