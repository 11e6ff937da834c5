#include "adapters/http/log_line.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "adapters/http/http_server.h"

namespace xueji::http {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

// Now, as 2025-09-26T01:02:03.456Z.
std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
  return text;
}

}  // namespace

std::string log_text(LogLevel level, const std::string& msg, const nlohmann::json& fields) {
  // ordered_json: ts, level, msg first, as a person reads a line.
  nlohmann::ordered_json line;
  line["ts"] = utc_now();
  line["level"] = level_name(level);
  line["msg"] = msg;
  if (!current_request_id().empty()) line["request_id"] = current_request_id();
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      if (!line.contains(key)) line[key] = value;
    }
  }
  // Invalid UTF-8 (a raw byte in a path) is replaced, never thrown.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void log_line(LogLevel level, const std::string& msg, const nlohmann::json& fields) {
  static std::mutex mutex;
  const std::string text = log_text(level, msg, fields) + "\n";
  std::lock_guard<std::mutex> lock(mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace xueji::http
