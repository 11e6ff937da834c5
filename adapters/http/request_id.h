#pragma once
// A request's id, which its log lines and its answer's X-Request-Id carry
// (current_request_id() and RequestIdScope, declared in http_server.h, are
// defined beside it).

#include <string>

#include "adapters/http/http_server.h"

namespace xueji::http {

// The caller's X-Request-Id when it is safe to log and echo (1-64 letters,
// digits, '-', '_', '.'), else a new one: the server's start second and a
// counter, unique across restarts.
std::string request_id_for(const Request& request);

}  // namespace xueji::http
