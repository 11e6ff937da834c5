// Events and snapshots survive their encodings unchanged.

#include <gtest/gtest.h>

#include <set>

#include "engine/case/case_snapshot.h"
#include "engine/case/event_codec.h"
#include "engine/core/base64.h"
#include "tests/engine/case_fixture.h"
#include "tests/engine/event_json_reference.h"

namespace xueji::test {
namespace {

using CodecTest = CaseFixture;

TEST_F(CodecTest, EveryEventAndStateRoundTrips) {
  OpenCase c;
  c.kind = "leave";
  c.by = "guardian";
  c.fields["months"] = "3";
  c.student = student("4501020001", 4);
  open(c, at("2025-12-20T10:00:00+08:00"));
  run_timers_until(at("2026-01-10T00:00:00+08:00"));  // reminder and escalation
  ASSERT_TRUE(
      run(DecideStep{"school", "450102", "approve", "代为确认"}, at("2026-01-12T10:00:00+08:00"))
          .ok());
  ASSERT_TRUE(
      run(DecideStep{"county", "450102", "approve", ""}, at("2026-01-13T10:00:00+08:00")).ok());
  run_timers_until(at("2027-12-31T00:00:00+08:00"));  // the term ends
  ASSERT_GE(history_.size(), 8u);
  std::vector<CaseEvent> decoded;
  for (const auto& e : history_) {
    auto back = event_from_json(testing::event_to_json(e));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(testing::event_to_json(*back), testing::event_to_json(e));
    decoded.push_back(*back);
  }
  EXPECT_EQ(replay("c1", decoded), state_);
  auto snapshot = decode_snapshot(encode_snapshot(state_));
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(*snapshot, state_);
}

// event_body() writes what event_to_json().dump() would, byte for byte, for
// every kind of event the engine makes and for text that needs escaping.
TEST_F(CodecTest, EventBodiesAreTheJsonDumpExactly) {
  std::vector<CaseEvent> events;
  const std::vector<OpenCase> opens = {
      OpenCase{
          "transfer", "4501030002", {{"to_school", "4501030002"}}, student("4501020001", 5), ""},
      OpenCase{"leave", "guardian", {{"months", "3"}}, student("4501020001", 4), ""},
      OpenCase{"death_deregistration",
               "4401030001",
               {{"date_of_death", "2025-12-18"}, {"learned_on", "2025-12-19"}},
               student("4401030001", 3),
               ""},
      OpenCase{"withdrawal", "guardian", {}, student("4501020003", 11), ""},
      OpenCase{"deferral",
               "guardian",
               {{"household_county", "450103"}},
               std::nullopt,
               make_resident_id("450103", "20190601", "002")}};
  const std::string tricky = std::string("\"q\" \\ \b\f\n\r\t \x01\x1f\x7f 同意 {a,b}");
  int trial = 0;
  for (const auto& open_cmd : opens) {
    for (const char* decision : {"approve", "reject", "silence"}) {
      state_ = CaseState();
      state_.id = "case-" + std::to_string(trial++);
      history_.clear();
      Instant now = at("2025-12-20T10:00:00+08:00");
      ASSERT_TRUE(run(open_cmd, now).ok());
      for (int i = 0; i < 4 && state_.status == CaseStatus::open; ++i) {
        now = now.plus_seconds(86400 * 20);
        run_timers_until(now);
        const StepState* a = state_.active();
        if (a == nullptr || std::string(decision) == "silence") continue;
        ASSERT_TRUE(run(DecideStep{a->plan.step, a->holder, decision, tricky}, now).ok());
      }
      run_timers_until(at("2027-12-31T00:00:00+08:00"));
      events.insert(events.end(), history_.begin(), history_.end());
    }
  }
  // Fields the engine leaves empty in these runs, and every escape.
  CaseEvent odd = events.front();
  odd.fields[tricky] = tricky;
  odd.provisional = true;
  odd.plan.front().deadline = Period{Period::Unit::months, 6};
  odd.plan.front().follow_up.reset();
  odd.plan.front().reminder_working_days_before.reset();
  odd.note = tricky;
  odd.school = "4501030002";
  odd.informed_org = "450103";
  odd.term_ends = at("2026-06-30T00:00:00+08:00");
  events.push_back(odd);
  std::set<std::string> types;
  for (const auto& e : events) {
    EXPECT_EQ(event_body(e), testing::event_to_json(e).dump());
    types.insert(std::string(to_string(e.type)));
  }
  // The runs reach the events that matter, or the comparison proves little.
  for (const char* type : {"opened", "step_activated", "decided", "reminded", "escalated",
                           "completed", "term_ended"}) {
    EXPECT_EQ(types.count(type), 1u) << type;
  }
}

TEST(Codec, RefusesCorruptInput) {
  EXPECT_FALSE(decode_snapshot("not base64!").ok());
  EXPECT_FALSE(decode_snapshot(base64_encode("\x07garbage")).ok());
  EXPECT_FALSE(event_from_json(nlohmann::json{{"type", "exploded"}, {"at", 1}}).ok());
  EXPECT_FALSE(event_from_json(nlohmann::json::array()).ok());
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(*base64_decode(base64_encode(s)), s);
  }
  // RFC 4648's test vectors.
  const std::vector<std::pair<std::string, std::string>> vectors{{"", ""},
                                                                 {"f", "Zg=="},
                                                                 {"fo", "Zm8="},
                                                                 {"foo", "Zm9v"},
                                                                 {"foob", "Zm9vYg=="},
                                                                 {"fooba", "Zm9vYmE="},
                                                                 {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) EXPECT_EQ(base64_encode(plain), encoded);
}

}  // namespace
}  // namespace xueji::test
