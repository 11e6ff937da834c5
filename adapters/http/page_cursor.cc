#include "adapters/http/page_cursor.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/core/base64.h"

namespace xueji::http {
namespace {

using nlohmann::json;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX and '+' (a space in a form-encoded query); none for a broken escape.
std::optional<std::string> percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// base64url without padding, so a cursor needs no escaping in a query.
std::string to_base64url(const std::string& bytes) {
  std::string text = base64_encode(bytes);
  std::replace(text.begin(), text.end(), '+', '-');
  std::replace(text.begin(), text.end(), '/', '_');
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::string> from_base64url(std::string text) {
  for (char& c : text) {
    if (c == '+' || c == '/' || c == '=') return std::nullopt;  // not the url alphabet
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  if (text.size() % 4 == 1) return std::nullopt;
  while (text.size() % 4 != 0) text += '=';
  auto bytes = base64_decode(text);
  if (!bytes) return std::nullopt;
  return *bytes;
}

Error invalid_cursor(const std::string& why) {
  return make_error("invalid_cursor", "query parameter 'cursor' " + why);
}

Result<std::vector<std::string>> decode_cursor(const std::string& cursor, const std::string& list,
                                               size_t key_size) {
  const auto bytes = from_base64url(cursor);
  if (!bytes) return invalid_cursor("is not a cursor this API wrote (not base64url)");
  const json body = json::parse(*bytes, nullptr, false);
  if (!body.is_object() || !body.contains("list") || !body["list"].is_string() ||
      !body.contains("after") || !body["after"].is_array()) {
    return invalid_cursor("is not a cursor this API wrote");
  }
  const std::string from = body["list"].get<std::string>();
  if (from != list) {
    return invalid_cursor("belongs to list '" + from + "', not to '" + list + "'");
  }
  std::vector<std::string> key;
  for (const auto& part : body["after"]) {
    if (!part.is_string()) return invalid_cursor("holds a position of another shape");
    key.push_back(part.get<std::string>());
  }
  if (key.size() != key_size) return invalid_cursor("holds a position of another shape");
  return key;
}

Result<int> parse_limit(const std::string& text) {
  const auto refused = [&] {
    return make_error("invalid_limit", "query parameter 'limit' must be a whole number from 1 to " +
                                           std::to_string(kMaxPageLimit) + ", not '" + text + "'");
  };
  if (text.empty() || text.size() > 3 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return refused();
  }
  const int n = std::stoi(text);
  if (n < 1 || n > kMaxPageLimit) return refused();
  return n;
}

}  // namespace

Result<std::optional<std::string>> query_parameter(const std::string& target,
                                                   const std::string& name) {
  const size_t mark = target.find('?');
  if (mark == std::string::npos) return std::optional<std::string>();
  const std::string query = target.substr(mark + 1);
  std::optional<std::string> found;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const size_t eq = pair.find('=');
    const auto key = percent_decode(pair.substr(0, eq));
    if (key && *key == name) {
      if (found) {
        return make_error("invalid_query", "query parameter '" + name + "' is given twice");
      }
      const auto value = percent_decode(eq == std::string::npos ? "" : pair.substr(eq + 1));
      if (!value) {
        return make_error("invalid_query",
                          "query parameter '" + name + "' is not percent-encoded correctly");
      }
      found = *value;
    }
    start = end + 1;
  }
  return found;
}

Result<PageRequest> read_page(const std::string& target, const std::string& list, size_t key_size) {
  PageRequest page;
  auto limit = query_parameter(target, "limit");
  if (!limit) return make_error("invalid_limit", limit.error().message);
  if (*limit) {
    auto n = parse_limit(**limit);
    if (!n) return n.error();
    page.limit = *n;
  }
  auto cursor = query_parameter(target, "cursor");
  if (!cursor) return make_error("invalid_cursor", cursor.error().message);
  if (*cursor) {
    auto key = decode_cursor(**cursor, list, key_size);
    if (!key) return key.error();
    page.after = std::move(*key);
  }
  return page;
}

std::string encode_cursor(const std::string& list, const std::vector<std::string>& key) {
  return to_base64url(json{{"list", list}, {"after", key}}.dump());
}

void add_page_fields(nlohmann::json& out, bool has_more, const std::string& list,
                     const std::vector<std::string>& last_key) {
  out["has_more"] = has_more;
  out["next_cursor"] =
      has_more ? nlohmann::json(encode_cursor(list, last_key)) : nlohmann::json(nullptr);
}

}  // namespace xueji::http
