#pragma once
// The server's log on stderr: one JSON object per line, so a collector
// reads it without patterns. Each line has ts (UTC, ISO 8601 with
// milliseconds), level, msg, request_id while a request is being handled
// on this thread (http_server.h: the id the answer carries in
// X-Request-Id), then the caller's fields. A line is written whole under
// one lock, so lines of concurrent requests never interleave.
//
// Our own and not spdlog (installed, but not found by CMake here): spdlog's
// pattern does not escape a message or a field for JSON, so a quote or a
// newline in a path or an error would break "one object per line";
// nlohmann::json escapes, and these few lines are all the logger needed.
//
// The command-line tools' output to people stays plain text: this is for
// `xueji serve` and what runs under it.

#include <nlohmann/json.hpp>

#include <string>

namespace xueji::http {

enum class LogLevel { info, warn, error };

void log_line(LogLevel level, const std::string& msg,
              const nlohmann::json& fields = nlohmann::json::object());

// The line log_line() writes, without the newline (for the tests).
std::string log_text(LogLevel level, const std::string& msg, const nlohmann::json& fields);

}  // namespace xueji::http
