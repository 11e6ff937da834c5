#pragma once
// Base64 (RFC 4648, with padding): binary snapshots in a TEXT column that
// PostgreSQL and SQLite hold alike.

#include <string>

#include "engine/core/result.h"

namespace xueji {

std::string base64_encode(const std::string& bytes);
// "corrupt_snapshot" naming the first character that is not base64.
Result<std::string> base64_decode(const std::string& text);

}  // namespace xueji
