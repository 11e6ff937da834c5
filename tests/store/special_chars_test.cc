// adapters/store/special_chars.h: the characters COPY and array literals
// escape, found where std::string's find_first_of would find them.

#include "adapters/store/special_chars.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace xueji::store {
namespace {

TEST(SpecialChars, FindsWhatFindFirstOfFinds) {
  static constexpr SpecialChars kEscaped("\\\t\n\r");
  std::mt19937 random(29);
  // Every byte, UTF-8 (学籍) and NUL among them, in random texts.
  for (int round = 0; round < 2000; ++round) {
    std::string text(random() % 40, ' ');
    for (char& c : text) c = static_cast<char>(random() % 256);
    if (round % 3 == 0) text += "学籍";
    const size_t from = text.empty() ? 0 : random() % (text.size() + 1);
    ASSERT_EQ(kEscaped.find(text, from), text.find_first_of("\\\t\n\r", from)) << round;
  }
}

TEST(SpecialChars, NamesTheFirstFromWhereItIsAsked) {
  static constexpr SpecialChars kQuoted("\"\\");
  EXPECT_EQ(kQuoted.find("张三"), std::string_view::npos);
  EXPECT_EQ(kQuoted.find("a\"b\\c"), 1u);
  EXPECT_EQ(kQuoted.find("a\"b\\c", 2), 3u);
  EXPECT_EQ(kQuoted.find("a\"b\\c", 5), std::string_view::npos);
  EXPECT_EQ(kQuoted.find(""), std::string_view::npos);
}

}  // namespace
}  // namespace xueji::store
