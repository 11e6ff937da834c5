#include "adapters/http/problem.h"

#include "adapters/http/log_line.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

namespace xueji::http {
namespace {

using nlohmann::json;

const char kTypePrefix[] = "urn:xueji:problem:";

const std::map<std::string, std::pair<int, const char*>>& problem_table() {
  static const std::map<std::string, std::pair<int, const char*>> table = {
      {"malformed_json", {400, "Malformed JSON"}},
      {"missing_field", {400, "A required field is missing"}},
      {"invalid_limit", {400, "Invalid page limit"}},
      {"invalid_cursor", {400, "Invalid page cursor"}},
      {"invalid_query", {400, "Invalid query parameter"}},
      {"invalid_year", {400, "Invalid year"}},
      {"invalid_field", {422, "A field has an invalid value"}},
      {"not_found", {404, "No such resource"}},
      {"unknown_case", {404, "Unknown case"}},
      {"unknown_org", {404, "Unknown organisation"}},
      {"unknown_year", {404, "No calendar for this year"}},
      {"unknown_province", {404, "Unknown province"}},
      {"unknown_student", {404, "Unknown student"}},
      {"unknown_kind", {422, "Unknown case kind"}},
      {"unknown_step", {422, "Unknown step"}},
      {"invalid_decision", {422, "Invalid decision"}},
      {"invalid_resident_id", {422, "Invalid resident ID"}},
      {"invalid_grade", {422, "Invalid grade"}},
      {"rule_refused", {422, "Refused by rule"}},
      {"invalid_org", {422, "Invalid change of a school"}},
      {"org_closed", {409, "School merged or closed"}},
      {"wrong_party", {409, "Wrong party"}},
      {"step_closed", {409, "Step already decided"}},
      {"step_not_active", {409, "Step not active"}},
      {"case_closed", {409, "Case closed"}},
      {"case_exists", {409, "Case exists"}},
      {"student_changed", {409, "Student record changed; case superseded"}},
      {"record_closed", {409, "Registration closed for life"}},
      {"not_initiator", {409, "Not the initiator"}},
      {"duplicate_registration", {409, "Duplicate registration"}},
      {"stale_timer", {409, "Stale timer"}},
      {"invalid_clock_move", {409, "Clock cannot move so"}},
      {"reload_refused", {422, "Reload refused"}},
      {"idempotency_key_reused", {422, "Idempotency key reused"}},
      {"idempotency_key_in_use", {409, "Idempotency key in use"}},
      {"unauthenticated", {401, "Sign in first"}},
      {"invalid_token", {401, "Invalid token"}},
      {"token_expired", {401, "Token expired"}},
      {"bad_credentials", {401, "Wrong name or password"}},
      {"out_of_jurisdiction", {403, "Out of jurisdiction"}},
      {"role_forbidden", {403, "Not for this role"}},
      {"capability_missing", {403, "Not among the account's capabilities"}},
      {"account_sealed", {403, "Account sealed"}},
      {"account_org_closed", {403, "The account's school merged or closed"}},
      {"password_expired", {403, "Password expired"}},
      {"too_many_attempts", {429, "Too many wrong passwords"}},
      {"rate_limited", {429, "Too many requests"}},
      {"weak_password", {422, "Password too weak"}},
      {"unknown_account", {404, "Unknown account"}},
      {"unknown_token", {404, "Unknown token"}},
      {"account_exists", {409, "Account exists"}},
      {"not_sealed", {409, "Account not sealed"}},
      {"store_failed", {503, "Store unavailable"}},
      {"store_unavailable", {503, "Store unavailable"}},
      {"engine_unavailable", {503, "Engine unavailable"}},
      // A change handed on whose commit went unanswered (issue 18).
      {"outcome_unknown", {503, "Outcome unknown"}},
      // A hot standby pair's server that does not run the engine
      // (standby_answer.h); its detail names the active server.
      {"standby", {503, "Standby server"}},
      {"lease_lost", {503, "Engine lease lost"}},
      {"taking_over", {503, "Taking over"}},
      // The server's own refusals, before a request reaches a route.
      {"malformed_request", {400, "Malformed HTTP request"}},
      {"body_too_large", {413, "Request body too large"}},
      {"unsupported_media_type", {415, "Unsupported media type"}},
      {"headers_too_large", {431, "Request headers too large"}},
      {"internal_error", {500, "Internal error"}},
  };
  return table;
}

}  // namespace

int status_for(const std::string& code) {
  auto it = problem_table().find(code);
  return it == problem_table().end() ? 500 : it->second.first;
}

std::string problem_title(const std::string& code) {
  auto it = problem_table().find(code);
  return it == problem_table().end() ? "Error" : it->second.second;
}

Response thrown(const std::exception& e) {
  log_line(LogLevel::error, "internal_error", {{"error", e.what()}});
  return problem(500, "internal_error", "unexpected failure");
}

Response problem(int status, const std::string& code, const std::string& detail) {
  const std::string title = problem_title(code);
  std::string shown = detail;
  std::map<std::string, std::string> headers;
  if (status == 503) {
    // The store's own words (SQL, SOCI, the server's address) are for the
    // operator, not the caller: they go to the log, the caller learns only
    // that the outage is passing and when to try again.
    log_line(LogLevel::error, "unavailable", {{"problem", code}, {"detail", detail}});
    shown = code == "engine_unavailable" ? "the service is unavailable; retry later"
            : code == "outcome_unknown"
                ? "the change may or may not have been recorded; retry with the same "
                  "Idempotency-Key to learn its outcome, which is then applied at most once"
                : "the database is unavailable; retry later";
    headers["Retry-After"] = std::to_string(kRetryAfterSeconds);
  }
  json body{{"type", kTypePrefix + code}, {"title", title}, {"status", status}, {"detail", shown}};
  // Invalid UTF-8 echoed from a request (a path, a name) is replaced, not
  // thrown: a refusal must always be writable.
  return Response{status, "application/problem+json",
                  body.dump(-1, ' ', false, json::error_handler_t::replace), std::move(headers)};
}

Response from_error(const Error& e) { return problem(status_for(e.code), e.code, e.message); }

std::optional<std::string> problem_code(const Response& response) {
  const auto body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("type") || !body["type"].is_string()) return std::nullopt;
  const std::string type = body["type"].get<std::string>();
  const std::string prefix = kTypePrefix;
  if (type.rfind(prefix, 0) != 0) return std::nullopt;
  return type.substr(prefix.size());
}

}  // namespace xueji::http
