// adapters/http/json_text.h prints what nlohmann's dump() prints for the
// same values: every byte that needs escaping, UTF-8 of every length, and
// objects in key order.

#include "adapters/http/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace xueji::http {
namespace {

using nlohmann::json;

std::string printed(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonText, EveryAsciiByteIsPrintedAsDumpPrintsIt) {
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string one(1, static_cast<char>(byte));
    EXPECT_EQ(printed(one), json(one).dump()) << "byte " << byte;
    const std::string among = "a" + one + "b" + one;
    EXPECT_EQ(printed(among), json(among).dump()) << "byte " << byte;
  }
  EXPECT_EQ(printed(""), json("").dump());
  EXPECT_EQ(printed("南宁兴宁区第一小学 \"转学\" \\ 😀"),
            json("南宁兴宁区第一小学 \"转学\" \\ 😀").dump());
}

TEST(JsonText, RandomTextIsPrintedAsDumpPrintsIt) {
  // Valid UTF-8 of one to four bytes, control characters and quotes mixed.
  const std::vector<std::string> pieces = {"a",    "Z",    " ",    "\"", "\\", "/",  "\n", "\t",
                                           "\x01", "\x1f", "\x7f", "é",  "学", "籍", "𠀀", "😀"};
  std::mt19937 random(20261203);
  for (int n = 0; n < 2000; ++n) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    ASSERT_EQ(printed(text), json(text).dump()) << json(text).dump();
  }
}

TEST(JsonText, AnObjectIsPrintedInKeyOrder) {
  const json tree{{"pending", json::array({1, 2})}, {"org", "4501020001"}, {"has_more", true},
                  {"next_cursor", nullptr},         {"holder", "x"},       {"holder_due", "y"}};
  std::map<std::string, std::string> members;
  for (const auto& [key, value] : tree.items()) members[key] = value.dump();
  EXPECT_EQ(json_object_text(members), tree.dump());
  EXPECT_EQ(json_object_text({}), json::object().dump());
}

}  // namespace
}  // namespace xueji::http
