// The compact form resident case actors keep: exact (the replay test checks
// every reachable state), small, and refusing bytes it did not make.

#include <gtest/gtest.h>

#include "engine/case/packed_case.h"
#include "tests/engine/case_fixture.h"
#include "tests/engine/every_field_state.h"

namespace xueji::test {
namespace {

using PackedCaseTest = CaseFixture;

TEST_F(PackedCaseTest, ATransferPacksSmall) {
  open(
      OpenCase{
          "transfer", "4501030002", {{"to_school", "4501030002"}}, student("4501020001", 5), ""},
      at("2025-09-26T09:00:00+08:00"));
  run_timers_until(at("2025-10-17T00:00:00+08:00"));  // reminded, then escalated
  const std::string packed = pack_case(state_);
  EXPECT_LT(packed.size(), 400u) << packed.size();
  auto back = unpack_case(packed);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, state_);
}

TEST(PackedCase, EveryFieldRoundTrips) {
  auto back = unpack_case(pack_case(every_field_set()));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, every_field_set());
}

TEST_F(PackedCaseTest, TruncatedOrAlteredBytesAreRefused) {
  open(
      OpenCase{
          "transfer", "4501030002", {{"to_school", "4501030002"}}, student("4501020001", 5), ""},
      at("2025-09-26T09:00:00+08:00"));
  const std::string packed = pack_case(state_);
  for (size_t n = 0; n < packed.size(); ++n) {
    auto cut = unpack_case(std::string_view(packed).substr(0, n));
    ASSERT_FALSE(cut.ok()) << "accepted a cut at " << n;
    EXPECT_EQ(cut.error().code, "corrupt_state");
  }
  EXPECT_FALSE(unpack_case(packed + "x").ok());
  EXPECT_FALSE(unpack_case(std::string(64, '\xff')).ok());
}

}  // namespace
}  // namespace xueji::test
