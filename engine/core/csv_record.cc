#include "engine/core/csv_record.h"

namespace xueji {

CsvRecord read_csv_record(const std::string& text, size_t& pos, int& line) {
  CsvRecord record;
  std::vector<std::string>& cells = record.cells;
  cells.emplace_back();
  bool quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"' && pos < text.size() && text[pos] == '"') {
        cells.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c == '\n') {
      ++line;
      break;
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  record.unclosed_quote = quoted;
  return record;
}

}  // namespace xueji
