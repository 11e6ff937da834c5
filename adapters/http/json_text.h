#pragma once
// JSON printed straight into a string, for the long answers (a page of a
// list) whose tree cost the server more to build, print and free than the
// page's query cost the store (perf, docs/performance.md). What it prints
// is what nlohmann's dump() prints for the same values, byte for byte; the
// store holds valid UTF-8 only, which dump() would refuse otherwise.

#include <map>
#include <string>

#include "engine/core/json_string.h"  // append_json_string

namespace xueji::http {

// The object whose members are `members`: each key mapped to its value's
// JSON text, printed in key order (as dump() orders an object's keys).
std::string json_object_text(const std::map<std::string, std::string>& members);

}  // namespace xueji::http
