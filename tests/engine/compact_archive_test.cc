// The compact archive: small where the resident form needs it (one byte for
// small numbers, each distinct string once) and refusing what it did not
// write, by throwing where its caller can turn that into an error.

#include <gtest/gtest.h>

#include <algorithm>

#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/vector.hpp>
#include <limits>

#include "engine/case/compact_archive.h"

namespace xueji::test {
namespace {

template <typename... T>
std::string write(const T&... values) {
  CompactOutputArchive out;
  out(values...);
  return out.take();
}

TEST(CompactArchive, SmallNumbersTakeOneByteAndSignedOnesZigZag) {
  EXPECT_EQ(write(std::uint32_t{5}), "\x05");
  EXPECT_EQ(write(std::int32_t{-1}), "\x01");
  EXPECT_EQ(write(std::int64_t{1}), "\x02");
  EXPECT_EQ(write(true, false), std::string("\x01\x00", 2));
  EXPECT_EQ(write(std::uint64_t{300}), "\xac\x02");
}

TEST(CompactArchive, ARepeatedStringIsWrittenOnce) {
  const std::string org = "4501020001";
  const std::string packed = write(org, std::string("x"), org, org);
  EXPECT_EQ(packed, "\x14" + org + "\x02x\x01\x01");
}

// Past the table's first 64 slots, through several growths: each string
// is written out once, each repeat refers to it by its number, and the
// reader, which numbers what it reads, gets every one back.
TEST(CompactArchive, ManyDistinctStringsAreEachWrittenOnceAndReadBack) {
  std::vector<std::string> texts;
  size_t literal_bytes = 0;
  for (int i = 0; i < 1000; ++i) {
    texts.push_back(i % 7 == 0 ? std::string(static_cast<size_t>(i % 5), 'a')
                               : "org-" + std::to_string(i * 7919));
  }
  std::vector<std::string> written;
  for (size_t i = 0; i < texts.size(); ++i) {
    written.push_back(texts[i]);
    written.push_back(texts[i / 2]);  // one seen before, near or far back
  }
  std::vector<std::string> distinct;
  for (const auto& t : written) {
    if (std::find(distinct.begin(), distinct.end(), t) == distinct.end()) {
      distinct.push_back(t);
      literal_bytes += t.size();
    }
  }
  CompactOutputArchive out;
  for (const auto& t : written) out(t);
  const std::string packed = out.take();
  // Each literal's bytes once, a length and a reference of at most two
  // bytes apiece: a second copy of any text would not fit.
  EXPECT_LE(packed.size(), literal_bytes + 2 * written.size());
  EXPECT_GE(packed.size(), literal_bytes + written.size());
  CompactInputArchive in(packed);
  for (const auto& t : written) {
    std::string back;
    in(back);
    ASSERT_EQ(back, t);
  }
  in.expect_end();
}

TEST(CompactArchive, ExtremesAndContainersRoundTrip) {
  using Map = std::map<std::string, std::vector<std::optional<int>>>;
  const Map map{{"a", {1, std::nullopt, -7}}, {"", {}}, {"b", {std::numeric_limits<int>::min()}}};
  const auto i64 = std::numeric_limits<std::int64_t>::min();
  const auto u64 = std::numeric_limits<std::uint64_t>::max();
  const std::string packed = write(map, i64, u64, std::string("a"));
  CompactInputArchive in(packed);
  Map map_back;
  std::int64_t i64_back = 0;
  std::uint64_t u64_back = 0;
  std::string text_back;
  in(map_back, i64_back, u64_back, text_back);
  in.expect_end();
  EXPECT_EQ(map_back, map);
  EXPECT_EQ(i64_back, i64);
  EXPECT_EQ(u64_back, u64);
  EXPECT_EQ(text_back, "a");
}

template <typename T>
bool refused(const std::string& bytes) {
  try {
    CompactInputArchive in(bytes);
    T value{};
    in(value);
    in.expect_end();
    return false;
  } catch (const cereal::Exception&) {
    return true;
  }
}

TEST(CompactArchive, RefusesWhatItCouldNotHaveWritten) {
  EXPECT_TRUE(refused<std::int32_t>(write(std::int64_t{1} << 40)));  // too wide for the field
  EXPECT_TRUE(refused<std::uint8_t>(write(std::uint32_t{256})));
  EXPECT_TRUE(refused<bool>("\x02"));
  EXPECT_TRUE(refused<std::string>("\x03"));                         // a reference to nothing seen
  EXPECT_TRUE(refused<std::string>(std::string(1, '\x08') + "ab"));  // four bytes promised
  EXPECT_TRUE(refused<std::vector<int>>(std::string("\x7f\x00", 2)));     // 127 in one byte
  EXPECT_TRUE(refused<std::uint64_t>(std::string(10, '\xff') + "\x01"));  // past 64 bits
  EXPECT_TRUE(refused<std::uint64_t>(std::string(9, '\xff') + "\x02"));
  EXPECT_TRUE(refused<std::uint32_t>(""));
  EXPECT_TRUE(refused<std::uint32_t>("\x01\x01"));  // a byte left over
  EXPECT_FALSE(refused<std::uint64_t>(std::string(9, '\xff') + "\x01"));
}

}  // namespace
}  // namespace xueji::test
