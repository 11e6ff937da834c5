#include "adapters/http/request_id.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace xueji::http {
namespace {

thread_local std::string t_request_id;

}  // namespace

std::string request_id_for(const Request& request) {
  auto it = request.headers.find("x-request-id");
  if (it != request.headers.end() && !it->second.empty() && it->second.size() <= 64 &&
      std::all_of(it->second.begin(), it->second.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
      })) {
    return it->second;
  }
  static const long long started = std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count();
  static std::atomic<unsigned long long> next{0};
  char id[48];
  std::snprintf(id, sizeof id, "r%llx-%llx", started, ++next);
  return id;
}

const std::string& current_request_id() { return t_request_id; }

RequestIdScope::RequestIdScope(const std::string& id) : previous_(std::move(t_request_id)) {
  t_request_id = id;
}
RequestIdScope::~RequestIdScope() { t_request_id = std::move(previous_); }

}  // namespace xueji::http
