#include "adapters/http/json_text.h"

namespace xueji::http {

std::string json_object_text(const std::map<std::string, std::string>& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ',';
    append_json_string(out, key);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

}  // namespace xueji::http
