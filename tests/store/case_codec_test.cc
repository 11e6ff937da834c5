// Events and snapshots survive their encodings unchanged.

#include <gtest/gtest.h>

#include "adapters/store/case_codec.h"
#include "tests/engine/case_fixture.h"

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
    auto back = store::event_from_json(store::event_to_json(e));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(store::event_to_json(*back), store::event_to_json(e));
    decoded.push_back(*back);
  }
  EXPECT_EQ(replay("c1", decoded), state_);
  auto snapshot = store::decode_snapshot(store::encode_snapshot(state_));
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(*snapshot, state_);
}

TEST(Codec, RefusesCorruptInput) {
  EXPECT_FALSE(store::decode_snapshot("not base64!").ok());
  EXPECT_FALSE(store::decode_snapshot(store::base64_encode("\x07garbage")).ok());
  EXPECT_FALSE(store::event_from_json(nlohmann::json{{"type", "exploded"}, {"at", 1}}).ok());
  EXPECT_FALSE(store::event_from_json(nlohmann::json::array()).ok());
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(*store::base64_decode(store::base64_encode(s)), s);
  }
  // RFC 4648's test vectors.
  const std::vector<std::pair<std::string, std::string>> vectors{{"", ""},
                                                                 {"f", "Zg=="},
                                                                 {"fo", "Zm8="},
                                                                 {"foo", "Zm9v"},
                                                                 {"foob", "Zm9vYg=="},
                                                                 {"fooba", "Zm9vYmE="},
                                                                 {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) EXPECT_EQ(store::base64_encode(plain), encoded);
}

}  // namespace
}  // namespace xueji::test
