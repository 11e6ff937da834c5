// Inputs the fuzzers (fuzz/, docs/reliability.md) found a parser mishandling,
// each kept as a test of the refusal that replaced the mishandling. The raw
// inputs themselves are replayed by the harnesses from fuzz/regressions/.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "engine/case/case_snapshot.h"
#include "engine/case/event_codec.h"
#include "engine/core/base64.h"
#include "tests/engine/every_field_state.h"

namespace xueji::test {
namespace {

// A snapshot's bytes up to its first field, the case's id: the format
// number, in format 2 the case's class version, then the id's length
// (cereal writes it as 8 bytes, little-endian) and nothing after it.
std::string snapshot_with_count(uint32_t format, uint64_t count) {
  std::string bytes(reinterpret_cast<const char*>(&format), sizeof format);
  const uint32_t class_version = 3;
  if (format == 2) bytes.append(reinterpret_cast<const char*>(&class_version), 4);
  bytes.append(reinterpret_cast<const char*>(&count), sizeof count);
  return base64_encode(bytes);
}

// fuzz/regressions/stored_case/: a corrupt count made the reader allocate
// and zero-fill whatever it said (2.6 TB there; a gigabyte would have been
// granted) before finding the bytes missing. The count is now held to the
// bytes left, and the refusal names it.
TEST(FuzzFindings, SnapshotCountBeyondItsBytesIsRefusedBeforeAllocating) {
  for (uint32_t format : {1u, 2u}) {
    for (uint64_t count : {uint64_t{9}, uint64_t{1} << 30, uint64_t{0x26500000007}}) {
      auto state = decode_snapshot(snapshot_with_count(format, count));
      ASSERT_FALSE(state.ok()) << "format " << format << ", count " << count;
      EXPECT_EQ(state.error().code, "corrupt_snapshot");
      EXPECT_NE(
          state.error().message.find("a count of " + std::to_string(count) + " with 0 bytes left"),
          std::string::npos)
          << state.error().message;
    }
  }
}

// The bound refuses nothing real: every field set, lists and all, still
// reads back; a snapshot cut short by one byte is still refused.
TEST(FuzzFindings, SnapshotCountBoundKeepsRealSnapshots) {
  const std::string text = encode_snapshot(every_field_set());
  auto state = decode_snapshot(text);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(*state, every_field_set());
  auto bytes = base64_decode(text);
  ASSERT_TRUE(bytes.ok());
  auto cut = decode_snapshot(base64_encode(bytes->substr(0, bytes->size() - 1)));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, "corrupt_snapshot");
}

// fuzz/regressions/case_event/: an event body whose instant was 2e46 had
// nlohmann cast it to an integer, which is undefined behaviour. A number
// that is a fraction or out of its field's range is now corrupt.
TEST(FuzzFindings, EventNumberOutOfRangeIsCorrupt) {
  for (const char* body : {
           R"({"type":"reminded","at":2e46})",
           R"({"type":"reminded","at":1.5})",
           R"({"type":"reminded","at":18446744073709551615})",
           R"({"type":"reminded","at":0,"deadline":-1e300})",
           R"({"type":"completed","at":0,"effects":{"term_months":4294967296}})",
           R"({"type":"opened","at":0,"plan":[{"step":"s","party":"p","org":"o",)"
           R"("deadline":{"months":3e9}}]})",
       }) {
    auto event = event_from_json(nlohmann::json::parse(body));
    ASSERT_FALSE(event.ok()) << body;
    EXPECT_EQ(event.error().code, "corrupt_event") << body;
    EXPECT_NE(event.error().message.find("not a whole number in range"), std::string::npos)
        << event.error().message;
  }
  auto fine = event_from_json(nlohmann::json::parse(R"({"type":"reminded","at":1760630400})"));
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->at.unix_seconds(), 1760630400);
}

}  // namespace
}  // namespace xueji::test
