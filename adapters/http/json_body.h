#pragma once
// Reading JSON request bodies and writing JSON answers, with the refusals
// every route shares: a malformed body is 400 naming the problem, a missing
// field 400 naming it, a wrong type 422.

#include <nlohmann/json.hpp>

#include <string>

#include "adapters/http/http_server.h"
#include "engine/core/result.h"

namespace xueji::http {

Response json_response(int status, const nlohmann::json& body);
// The answer whose body is `text`, JSON printed without a tree (json_text.h).
Response json_text_response(int status, std::string text);

// A Content-Type's media type, lower case, without parameters or spaces:
// "Text/CSV; charset=utf-8" is "text/csv".
std::string media_type(const std::string& content_type);

// The body as a JSON object; "malformed_json" otherwise, and for a key
// given twice, nesting deeper than 32 levels or a string holding a NUL;
// "invalid_field" for a string over 4 KiB; "unsupported_media_type" when
// the Content-Type names something other than JSON.
Result<nlohmann::json> parse_object(const Request& request);

// A string field; "missing_field" when required and absent, "invalid_field"
// when not a string. Absent and optional: "".
Result<std::string> string_field(const nlohmann::json& body, const char* name,
                                 bool required = true);

// A boolean field; absent or null: `absent`. "invalid_field" ("field 'NAME'
// must be true or false") when anything else.
Result<bool> bool_field(const nlohmann::json& body, const char* name, bool absent);

// A required whole-number field: "missing_field" when absent,
// "invalid_field" ("field 'NAME' must be MUST_BE") when not a whole number.
Result<long long> whole_number_field(const nlohmann::json& body, const char* name,
                                     const char* must_be);

}  // namespace xueji::http
