#pragma once
// Refusals on the wire: application/problem+json with a stable type
// (urn:xueji:problem:<code>), a title per code and a detail naming the field
// or rule. Every problem body, the server's own (400, 413, 500) included, is
// built here, so clients parse one shape.

#include <exception>
#include <optional>
#include <string>

#include "adapters/http/http_server.h"
#include "engine/core/result.h"

namespace xueji::http {

// The status an error code maps to (403, 404, 409, 422, 503, ...); 500 for
// a code the table does not know, which is a bug worth seeing.
int status_for(const std::string& code);

// How long a caller is told to wait before retrying after a 503: about
// what a database restart or failover takes.
constexpr int kRetryAfterSeconds = 5;

// The English title of a problem code; "Error" for a code without one.
std::string problem_title(const std::string& code);

// A problem answer; a code without a title of its own is titled "Error".
// A 503 shows the plain "the database is unavailable; retry later" with a
// Retry-After header; its `detail` (the store's words) goes to the log.
Response problem(int status, const std::string& code, const std::string& detail);

// The answer to a handler that threw `e`: its words go to the log, the
// caller gets a plain 500 internal_error. A thread that runs handlers
// answers so rather than dying.
Response thrown(const std::exception& e);

// The problem answer for an engine or store error, by its code.
Response from_error(const Error& e);

// The code of a problem answer; none when `response` is not one of ours.
std::optional<std::string> problem_code(const Response& response);

}  // namespace xueji::http
