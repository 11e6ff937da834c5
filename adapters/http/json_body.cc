#include "adapters/http/json_body.h"

namespace xueji::http {

using nlohmann::json;

Response json_response(int status, const json& body) {
  return Response{status, "application/json", body.dump(), {}};
}

Result<json> parse_object(const Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return make_error("malformed_json", "the body is not valid JSON");
  if (!body.is_object()) return make_error("malformed_json", "the body must be a JSON object");
  return body;
}

Result<std::string> string_field(const json& body, const char* name, bool required) {
  if (!body.contains(name) || body[name].is_null()) {
    if (!required) return std::string();
    return make_error("missing_field", std::string("missing field '") + name + "'");
  }
  if (!body[name].is_string()) {
    return make_error("invalid_field", std::string("field '") + name + "' must be a string");
  }
  return body[name].get<std::string>();
}

Result<long long> whole_number_field(const json& body, const char* name, const char* must_be) {
  if (!body.contains(name)) {
    return make_error("missing_field", std::string("missing field '") + name + "'");
  }
  if (!body[name].is_number_integer()) {
    return make_error("invalid_field", std::string("field '") + name + "' must be " + must_be);
  }
  return body[name].get<long long>();
}

}  // namespace xueji::http
