// A term's intake file read into rows (adapters/http/intake_rows.h). A
// large CSV is read in two halves at once: the rows, their numbers and
// their bodies must be those of reading it in one pass, also when a quoted
// cell spans the line break the halves would meet at.

#include "adapters/http/intake_rows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace xueji::http {
namespace {

// `n` rows of id,name,school,grade, row i's id "id<i>"; row `quoted_at`'s
// name, if any, a quoted cell of `quoted_lines` lines.
std::string intake_csv(int n, int quoted_at = -1, int quoted_lines = 0) {
  std::string text = "id,name,school,grade\n";
  for (int i = 1; i <= n; ++i) {
    std::string name = "name" + std::to_string(i);
    if (i == quoted_at) {
      name = "\"";
      for (int l = 0; l < quoted_lines; ++l) name += "line, \"\"" + std::to_string(l) + "\"\"\n";
      name += "\"";
    }
    text +=
        "id" + std::to_string(i) + "," + name + ",4501020001," + std::to_string(i % 12 + 1) + "\n";
  }
  return text;
}

void expect_rows_in_order(const std::vector<IntakeRow>& rows, int n) {
  ASSERT_EQ(rows.size(), static_cast<size_t>(n));
  for (int i = 1; i <= n; ++i) {
    const IntakeRow& row = rows[static_cast<size_t>(i - 1)];
    ASSERT_EQ(row.row, i);
    ASSERT_FALSE(row.malformed) << "row " << i << ": " << row.malformed->message;
    ASSERT_EQ(row.body.at("id"), "id" + std::to_string(i));
    ASSERT_EQ(row.body.at("grade"), i % 12 + 1);
  }
}

TEST(IntakeRows, ALargeCsvReadInHalvesHasEveryRowOnceInOrder) {
  const int n = 60'000;  // about 2 MB: read in two halves
  const std::string text = intake_csv(n);
  ASSERT_GT(text.size(), size_t{1} << 20);
  auto rows = parse_intake(text, IntakeFormat::csv);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  expect_rows_in_order(*rows, n);
  EXPECT_EQ((*rows)[29'999].body.at("name"), "name30000");
}

TEST(IntakeRows, AQuotedCellOverTheMiddleIsReadWhole) {
  // Row 30,000 of 60,000 holds a cell of 20,000 quoted lines (about
  // 300 KB) around the middle of the text: the first line break past the
  // middle is inside it, so the second half's reading cannot stand.
  const int n = 60'000;
  const std::string text = intake_csv(n, 30'000, 20'000);
  const size_t cell = text.find("\"line, ");
  const size_t middle = text.find('\n', 21 + (text.size() - 21) / 2);
  ASSERT_LT(cell, middle);
  ASSERT_GT(text.find("\n\",4501020001", cell), middle);
  auto rows = parse_intake(text, IntakeFormat::csv);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  expect_rows_in_order(*rows, n);
  const std::string name = (*rows)[29'999].body.at("name");
  EXPECT_EQ(name.rfind("line, \"0\"\nline, \"1\"\n", 0), 0u) << name.substr(0, 40);
  EXPECT_EQ(std::count(name.begin(), name.end(), '\n'), 20'000);
  EXPECT_EQ((*rows)[30'000].body.at("name"), "name30001");
}

TEST(IntakeRows, ABadRowInTheSecondHalfIsRefusedUnderItsOwnNumber) {
  const int n = 60'000;
  std::string text = intake_csv(n);
  // Row 45,000 loses a cell; a blank line before it is no row.
  const std::string bad = "id45000,name45000,4501020001," + std::to_string(45'000 % 12 + 1) + "\n";
  const size_t at = text.find(bad);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, bad.size(), "\nid45000,name45000\n");
  auto rows = parse_intake(text, IntakeFormat::csv);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), static_cast<size_t>(n));
  const IntakeRow& refused = (*rows)[44'999];
  EXPECT_EQ(refused.row, 45'000);
  ASSERT_TRUE(refused.malformed);
  EXPECT_EQ(refused.malformed->message, "the row has 2 cells, the header names 4");
  EXPECT_EQ((*rows)[45'000].row, 45'001);
  EXPECT_EQ((*rows)[45'000].body.at("id"), "id45001");
}

}  // namespace
}  // namespace xueji::http
