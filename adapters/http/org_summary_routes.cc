#include "adapters/http/org_summary_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"

namespace xueji::http {

using nlohmann::json;

Response org_summary(Services& s, const Request&, Context& ctx) {
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  const Org* org = orgs.find(ctx.args[0]);
  if (org == nullptr) {
    return problem(404, "unknown_org", "unknown organisation '" + ctx.args[0] + "'");
  }
  json out{{"code", org->code},
           {"name", org->name},
           {"level", std::string(to_string(org->level))},
           {"parent", org->parent}};
  if (const Org* up = orgs.superior(org->code)) out["parent_name"] = up->name;
  if (org->school_type) out["type"] = std::string(to_string(*org->school_type));
  return json_response(200, out);
}

}  // namespace xueji::http
