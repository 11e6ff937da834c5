#include "adapters/http/json_body.h"

#include <set>
#include <utility>
#include <vector>

namespace xueji::http {

using nlohmann::json;

Response json_response(int status, const json& body) {
  return Response{status, "application/json", body.dump(), {}};
}

Response json_text_response(int status, std::string text) {
  return Response{status, "application/json", std::move(text), {}};
}

namespace {

// Deeper than any body a route reads; deeper is an attack on whoever walks
// the document recursively later (dump, the audit, a client).
constexpr int kMaxDepth = 32;

// Longer than any field a route takes (names, notes, codes): a longer one
// is refused rather than stored, listed and echoed at that size.
constexpr size_t kMaxStringBytes = 4096;

// The first string (key or value) holding a NUL or longer than the limit,
// named by its path ("name", "fields.note"); none when all are fine. SOCI
// and the C APIs below it end strings at a NUL, so "a\u0000b" would be
// stored as "a".
Status check_strings(const json& root) {
  std::vector<std::pair<const json*, std::string>> todo{{&root, ""}};
  auto check = [](const std::string& text, const std::string& path) -> Status {
    const std::string shown = path.empty() ? "(body)" : path;
    if (text.find('\0') != std::string::npos) {
      return make_error("malformed_json", "field '" + shown + "' holds a NUL character (\\u0000)");
    }
    if (text.size() > kMaxStringBytes) {
      return make_error("invalid_field", "field '" + shown + "' is longer than " +
                                             std::to_string(kMaxStringBytes) + " bytes");
    }
    return Status();
  };
  while (!todo.empty()) {
    auto [node, path] = todo.back();
    todo.pop_back();
    if (node->is_string()) {
      if (Status ok = check(node->get_ref<const std::string&>(), path); !ok) return ok;
    } else if (node->is_object()) {
      for (auto it = node->begin(); it != node->end(); ++it) {
        const std::string child = path.empty() ? it.key() : path + "." + it.key();
        if (Status ok = check(it.key(), child); !ok) return ok;
        todo.emplace_back(&it.value(), child);
      }
    } else if (node->is_array()) {
      for (size_t i = 0; i < node->size(); ++i) {
        todo.emplace_back(&(*node)[i], path + "[" + std::to_string(i) + "]");
      }
    }
  }
  return Status();
}

// A body declared as something other than JSON (text, XML, multipart):
// the client meant another API. No Content-Type at all is read as JSON, and
// so is a form's: it is what `curl -d` declares for any body (README's
// walkthrough), and a real form fails as JSON anyway. (The batch route
// builds its rows' requests without one.)
bool declared_not_json(const Request& request) {
  auto it = request.headers.find("content-type");
  if (it == request.headers.end()) return false;
  const std::string type = media_type(it->second);
  return type != "application/json" && type != "application/problem+json" &&
         type != "application/x-www-form-urlencoded";
}

}  // namespace

std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  while (!type.empty() && type.front() == ' ') type.erase(0, 1);
  return type;
}

Result<json> parse_object(const Request& request) {
  if (declared_not_json(request)) {
    return make_error("unsupported_media_type", "the body must be application/json, not '" +
                                                    request.headers.at("content-type") + "'");
  }
  // A key given twice in one object: parsers disagree on which one wins,
  // so a proxy and this server could read different requests. Refused.
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  bool too_deep = false;
  json::parser_callback_t watch = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth > kMaxDepth) too_deep = true;
    if (event == json::parse_event_t::object_start) keys.emplace_back();
    if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == json::parse_event_t::key && !keys.empty() && duplicate.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  json body = json::parse(request.body, watch, false);
  if (body.is_discarded()) return make_error("malformed_json", "the body is not valid JSON");
  if (too_deep) {
    return make_error("malformed_json",
                      "the body nests deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  if (!body.is_object()) return make_error("malformed_json", "the body must be a JSON object");
  if (!duplicate.empty()) {
    return make_error("malformed_json", "key '" + duplicate + "' is given twice");
  }
  if (Status ok = check_strings(body); !ok) return ok.error();
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

Result<bool> bool_field(const json& body, const char* name, bool absent) {
  if (!body.contains(name) || body[name].is_null()) return absent;
  if (!body[name].is_boolean()) {
    return make_error("invalid_field", std::string("field '") + name + "' must be true or false");
  }
  return body[name].get<bool>();
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
