#include "adapters/http/standby_answer.h"

#include <nlohmann/json.hpp>

#include "adapters/http/metrics.h"
#include "adapters/http/problem.h"
#include "adapters/http/problem_language.h"

namespace xueji::http {

using nlohmann::json;

Response standby_answer(const Request& request, const std::string& reason,
                        const std::string& active, int retry_after_seconds) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (request.method == "GET" && path == "/healthz") {
    return Response{200, "application/json", json{{"status", "ok"}, {"role", reason}}.dump(), {}};
  }
  if (request.method == "GET" && path == "/metrics") {
    return Response{200, "text/plain; version=0.0.4", render_not_active(reason), {}};
  }
  const std::string where = active.empty()
                                ? "no server holds the engine lease yet (a takeover is under way)"
                                : "the active server is " + active;
  std::string detail = "this server has taken the engine lease and is loading the engine";
  if (reason == "standby") {
    detail = "this server is the standby: " + where;
  } else if (reason == "lease_lost") {
    detail = "this server lost the engine lease and commits nothing more: " + where;
  }
  const json body{{"type", "urn:xueji:problem:" + reason},
                  {"title", problem_title(reason)},
                  {"status", 503},
                  {"detail", detail},
                  {"reason", reason},
                  {"active", active}};
  Response response{503,
                    "application/problem+json",
                    body.dump(-1, ' ', false, json::error_handler_t::replace),
                    {{"Retry-After", std::to_string(retry_after_seconds)}}};
  // In the caller's language, as every problem is (problem_language.h).
  localise_problem(response, request);
  return response;
}

}  // namespace xueji::http
