#pragma once
// A batch of registrations as rows (the September intake): NDJSON, one
// JSON object a line as POST /v1/students takes it, or CSV whose header
// row names the same fields (id,name,school,grade[,identity_verified,
// birth_date,gender]). Each row becomes the JSON body a single
// registration would have posted, so it is checked by the same code.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/result.h"

namespace xueji::http {

enum class IntakeFormat { ndjson, csv };

struct IntakeRow {
  int row = 0;  // 1-based: the n-th non-blank line (NDJSON), record below the header (CSV)
  nlohmann::json body;
  std::optional<Error> malformed;  // the row's refusal before any check, if one
};

// The format a Content-Type names: application/x-ndjson (or
// application/jsonl), text/csv; none for anything else.
std::optional<IntakeFormat> intake_format(const std::string& content_type);

// The rows of `text`. A CSV cell left empty is a field left out; `grade`
// reads as a number when it is one, `identity_verified` as true or false.
// A line that is not one JSON object, or a CSV record with more or fewer
// cells than the header, is that row's refusal ("malformed_json",
// "invalid_field"), not the batch's. Errors (the whole batch): a CSV
// without a header row, or a header naming a field twice ("invalid_field").
Result<std::vector<IntakeRow>> parse_intake(const std::string& text, IntakeFormat format);

}  // namespace xueji::http
