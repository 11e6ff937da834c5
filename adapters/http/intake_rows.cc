#include "adapters/http/intake_rows.h"

#include <algorithm>
#include <future>
#include <set>

#include "adapters/http/json_body.h"
#include "engine/core/csv_record.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// One CSV record from `pos`; moves `pos` past its line end. A quote left
// open takes the rest of the text into its cell.
std::vector<std::string> csv_record(const std::string& text, size_t& pos) {
  int lines = 0;  // rows are numbered by record, not by line
  return read_csv_record(text, pos, lines).cells;
}

// Text from which a CSV is read in two halves at once (csv_rows): about
// 25,000 rows of an intake's four fields.
constexpr size_t kReadInHalvesFrom = size_t{1} << 20;

// At least the rows of `text`, counted first: the rows' vector then
// grows once, not by doubling and moving a term's rows a dozen times.
size_t lines_of(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool blank(const std::vector<std::string>& cells) {
  return cells.size() == 1 && cells[0].find_first_not_of(" \t") == std::string::npos;
}

// A cell as the JSON body would carry it.
json cell_value(const std::string& field, std::string cell) {
  if (field == "grade" && !cell.empty() && cell.size() < 10 &&
      cell.find_first_not_of("0123456789", cell[0] == '-' ? 1 : 0) == std::string::npos &&
      cell != "-") {
    return std::stoll(cell);
  }
  if (field == "identity_verified" && (cell == "true" || cell == "false")) return cell == "true";
  return cell;
}

// The records of `text` from `pos` on while `pos` is before `end`, each
// the body its cells make, numbered on from `rows`'s last. `pos` ends past
// the last record read: past `end` when a quoted cell ran over it.
void csv_records(const std::string& text, size_t& pos, size_t end,
                 const std::vector<std::string>& header, std::vector<IntakeRow>& rows) {
  while (pos < end) {
    auto cells = csv_record(text, pos);
    if (blank(cells)) continue;
    IntakeRow row;
    row.row = static_cast<int>(rows.size()) + 1;
    row.body = json::object();
    if (cells.size() != header.size()) {
      row.malformed = make_error("invalid_field", "the row has " + std::to_string(cells.size()) +
                                                      " cells, the header names " +
                                                      std::to_string(header.size()));
    } else {
      for (size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i].empty()) row.body[header[i]] = cell_value(header[i], std::move(cells[i]));
      }
    }
    rows.push_back(std::move(row));
  }
}

Result<std::vector<IntakeRow>> csv_rows(const std::string& text) {
  size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // a spreadsheet's BOM
  std::vector<std::string> header;
  while (pos < text.size() && blank(header = csv_record(text, pos))) header.clear();
  if (header.empty() || blank(header)) {
    return make_error("invalid_field", "the CSV has no header row naming the fields");
  }
  std::set<std::string> named;
  for (auto& field : header) {
    field.erase(0, field.find_first_not_of(" \t"));
    field.erase(field.find_last_not_of(" \t") + 1);
    if (!named.insert(field).second) {
      return make_error("invalid_field", "the CSV header names field '" + field + "' twice");
    }
  }
  std::vector<IntakeRow> rows;
  const size_t lines = lines_of(text);
  rows.reserve(lines);
  // A large file is read in two halves side by side: the second from the
  // first line break past the middle, the first up to there. The second
  // half's rows stand only if the first half's last record ended at that
  // very break (no quoted cell ran over it); else the first reads on
  // alone. An intake is checked only once it is read: at 100,000 rows the
  // reading took 0.09 s of one core while the other had little to do.
  const size_t middle = text.size() - pos >= kReadInHalvesFrom
                            ? text.find('\n', pos + (text.size() - pos) / 2)
                            : std::string::npos;
  if (middle == std::string::npos) {
    csv_records(text, pos, text.size(), header, rows);
    return rows;
  }
  const size_t second_from = middle + 1;
  auto second = std::async(std::launch::async, [&] {
    std::vector<IntakeRow> later;
    later.reserve(lines / 2 + 1);  // about half: a guess, not a bound
    size_t at = second_from;
    csv_records(text, at, text.size(), header, later);
    return later;
  });
  csv_records(text, pos, second_from, header, rows);
  std::vector<IntakeRow> later = second.get();
  if (pos != second_from) {
    csv_records(text, pos, text.size(), header, rows);  // a quoted cell ran over the break
    return rows;
  }
  const int before = static_cast<int>(rows.size());
  for (auto& row : later) {
    row.row += before;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<IntakeRow> ndjson_rows(const std::string& text) {
  std::vector<IntakeRow> rows;
  rows.reserve(lines_of(text));
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    Request line;
    line.body = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.body.find_first_not_of(" \t\r") == std::string::npos) continue;
    IntakeRow row;
    row.row = static_cast<int>(rows.size()) + 1;
    // The single route's own reading: the same refusals for the same line.
    auto body = parse_object(line);
    if (body) {
      row.body = std::move(*body);
    } else {
      row.malformed = body.error();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::optional<IntakeFormat> intake_format(const std::string& content_type) {
  const std::string type = media_type(content_type);
  if (type == "application/x-ndjson" || type == "application/jsonl") return IntakeFormat::ndjson;
  if (type == "text/csv") return IntakeFormat::csv;
  return std::nullopt;
}

Result<std::vector<IntakeRow>> parse_intake(const std::string& text, IntakeFormat format) {
  if (format == IntakeFormat::csv) return csv_rows(text);
  return ndjson_rows(text);
}

}  // namespace xueji::http
