#pragma once
// A case's state written down whole (the `cases.snapshot` column): cereal
// binary, base64-encoded so the same TEXT column holds it on PostgreSQL and
// SQLite. The first field is the format, so an old row is recognised.

#include <string>

#include "engine/case/case_state.h"
#include "engine/core/result.h"

namespace xueji {

std::string encode_snapshot(const CaseState& state);
// "corrupt_snapshot" when the text is not a snapshot this build can read.
Result<CaseState> decode_snapshot(const std::string& text);

}  // namespace xueji
