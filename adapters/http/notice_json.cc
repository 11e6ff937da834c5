#include "adapters/http/notice_json.h"

namespace xueji::http {

nlohmann::json notice_json(const Notice& n) {
  nlohmann::json out{{"id", n.id},     {"org", n.org},           {"case", n.case_id},
                     {"kind", n.kind}, {"at", n.at.to_string()}, {"step", n.step},
                     {"due", n.due},   {"text", n.text}};
  if (!n.previous_due.empty()) {
    out["previous_due"] = n.previous_due;
    out["provisional"] = n.provisional;
  }
  return out;
}

}  // namespace xueji::http
