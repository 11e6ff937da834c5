#pragma once
// JSON printed straight into a string, for the long answers (a page of a
// list) whose tree cost the server more to build, print and free than the
// page's query cost the store (perf, docs/performance.md). What it prints
// is what nlohmann's dump() prints for the same values, byte for byte; the
// store holds valid UTF-8 only, which dump() would refuse otherwise.

#include <map>
#include <string>
#include <string_view>

namespace xueji::http {

// Appends `text` quoted: `"` and `\` escaped, control characters as \b,
// \f, \n, \r, \t or \u00xx, every other byte (UTF-8 included) as it is.
void append_json_string(std::string& out, std::string_view text);

// The object whose members are `members`: each key mapped to its value's
// JSON text, printed in key order (as dump() orders an object's keys).
std::string json_object_text(const std::map<std::string, std::string>& members);

}  // namespace xueji::http
