#pragma once
// A JSON string printed straight into text, for the writers that print
// JSON without building a tree (event bodies, a page of a list): byte for
// byte what nlohmann's dump() prints for the same valid UTF-8.

#include <string>
#include <string_view>

namespace xueji {

// Appends `text` quoted: `"` and `\` escaped, control characters as \b,
// \f, \n, \r, \t or \u00xx, every other byte (UTF-8 included) as it is.
void append_json_string(std::string& out, std::string_view text);

}  // namespace xueji
