#pragma once
// One record of a CSV text (RFC 4180), as the roster import (`xueji accounts
// import`) and the bulk registration (`POST /v1/students/batch`) read them:
// quoted cells may hold commas, doubled quotes and line breaks; a CR before
// a line break is dropped outside quotes.

#include <string>
#include <vector>

namespace xueji {

struct CsvRecord {
  std::vector<std::string> cells;  // at least one; a blank line is {""}
  bool unclosed_quote = false;     // the text ended inside a quoted cell
};

// Reads the record starting at `pos` and moves `pos` past it; `line` counts
// the line breaks read, those inside quoted cells included.
CsvRecord read_csv_record(const std::string& text, size_t& pos, int& line);

}  // namespace xueji
