// Snapshots already in the `cases.snapshot` column stay readable: a state
// with every field set, as the format-1 writer wrote it, decodes exactly;
// new ones are written in format 2, with cereal's class versions.

#include <gtest/gtest.h>

#include "engine/case/case_snapshot.h"
#include "engine/core/base64.h"
#include "tests/engine/every_field_state.h"

namespace xueji::test {
namespace {

// every_field_set() as encode_snapshot() wrote it in format 1 (cereal binary,
// hand-written field order, no class versions): rows written before format 2
// look like this. Regenerating it from today's code would defeat the test.
constexpr const char* kFormat1Snapshot =
    "AQAAAAcAAAAAAAAAY2FzZS00MgIAAAAFAAAAAAAAAGxlYXZlAgAAAAAAAAByNwYAAAAAAAAANDUwMDAwEwAAAAAA"
    "AABHNDUwMTAyMjAxMzA5MTUwMDE5CAAAAAAAAABndWFyZGlhbgIAAAAAAAAABgAAAAAAAABtb250aHMBAAAAAAAA"
    "ADMGAAAAAAAAAHJlYXNvbg0AAAAAAAAA5YW755eFICJyZXN0IgAgA0ZpAAAAAAgAAAAAAAAAZW5yb2xsZWQIAAAA"
    "AAAAAG9uX2xlYXZlCQAAAAAAAABzdXNwZW5kZWQBBgAAAAAAAAA0NTAxMDMKAAAAAAAAADQ1MDEwMjAwMDEGAAAA"
    "AgAAAAAAAAAGAAAAAAAAAHNjaG9vbAYAAAAAAAAAc2Nob29sCgAAAAAAAAA0NTAxMDIwMDAxAAAAAAUAAAAAAgAA"
    "AAABAAAAAQAAAAcAAAAAAAAAQXJ0LiAyNgIAAAAAIANGaQAAAAAA4k8AAAEAgDpPaQAAAAABBgAAAAAAAAA0NTAx"
    "MDIA7E8AAADAfF5pAAAAAAIAAAAAAAAABgAAAAAAAAA0NTAxMDIGAAAAAAAAADQ1MDAwMAcAAAAAAAAAYXBwcm92"
    "ZQYAAAAAAAAANDUwMTAyAECXZGkAAAAABgAAAAAAAABjb3VudHkGAAAAAAAAAGNvdW50eQYAAAAAAAAANDUwMTAy"
    "AQAAAP7///8BAQAAAAAAAAAAAQAAAAEBAAEAAAAAAAAAAAABAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEBAAAA"
    "CAAAAAAAAABhcHByb3ZlZADgHWZpAAAAAAAArlVqAAAAAAkAAAAAAAAA";

TEST(CaseSnapshot, ReadsWhatFormatOneWrote) {
  auto state = decode_snapshot(kFormat1Snapshot);
  ASSERT_TRUE(state.ok()) << state.error().message;
  // Format 1 predates the school at opening, the proposed fields' values
  // and the fields approval writes, and the day a term counts from: it
  // reads them as none.
  CaseState expected = every_field_set();
  expected.student_school_before.clear();
  expected.record_before.clear();
  expected.effects.sets_record.clear();
  expected.effects.term_from.reset();
  EXPECT_EQ(*state, expected);
}

TEST(CaseSnapshot, WritesFormatTwoAndRefusesUnknownFormats) {
  auto bytes = base64_decode(encode_snapshot(every_field_set()));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->substr(0, 4), std::string("\x02\0\0\0", 4));
  std::string future = *bytes;
  future[0] = '\x03';
  auto refused = decode_snapshot(base64_encode(future));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "corrupt_snapshot");
}

TEST(CaseSnapshot, EveryFieldRoundTrips) {
  auto state = decode_snapshot(encode_snapshot(every_field_set()));
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(*state, every_field_set());
}

}  // namespace
}  // namespace xueji::test
