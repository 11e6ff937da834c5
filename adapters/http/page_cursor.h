#pragma once
// A list's page on the wire (issue 17): `limit` (1..500, default 100) and an
// opaque `cursor` read from the request's query, and the cursor written
// after a page's last row. A cursor is base64url of a small JSON object
// naming the list it came from ("pending:450102") and the last row's sort
// key; it is not a secret, only a position, so nothing signs it.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/result.h"

namespace xueji::http {

constexpr int kDefaultPageLimit = 100;
constexpr int kMaxPageLimit = 500;

// What a page asks for: at most `limit` rows after the row whose sort key
// is `after` (empty: from the first row).
struct PageRequest {
  int limit = kDefaultPageLimit;
  std::vector<std::string> after;
};

// Reads `limit` and `cursor` from `target`'s query for list `list`, whose
// sort key has `key_size` parts. Other parameters are left to the route.
// A limit that is not a whole number in 1..500 is "invalid_limit"; a cursor
// that does not decode, names another list or holds a key of another shape
// is "invalid_cursor"; either given twice is refused too. Both name the
// parameter.
Result<PageRequest> read_page(const std::string& target, const std::string& list, size_t key_size);

// The cursor of the position after the row whose sort key is `key`, in
// list `list`.
std::string encode_cursor(const std::string& list, const std::vector<std::string>& key);

// The page's fields beside its rows in `out`: `has_more`, and
// `next_cursor`, the position after the row whose sort key is `last_key`
// (null on the last page).
void add_page_fields(nlohmann::json& out, bool has_more, const std::string& list,
                     const std::vector<std::string>& last_key);

// The value of query parameter `name` in `target` (percent-decoded), or
// none; "invalid_query" when `name` is given more than once or its value
// does not percent-decode.
Result<std::optional<std::string>> query_parameter(const std::string& target,
                                                   const std::string& name);

}  // namespace xueji::http
