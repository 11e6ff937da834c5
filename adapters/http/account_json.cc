#include "adapters/http/account_json.h"

namespace xueji::http {

using nlohmann::json;

json account_json(const Account& a, const std::optional<Instant>& seal_due,
                  const PasswordPolicies& policies, const OrgTree& orgs) {
  json out{{"name", a.name},
           {"org", a.org},
           {"role", std::string(to_string(a.role))},
           {"kind", std::string(to_string(a.kind))},
           {"last_used", a.last_used.to_string()},
           {"sealed", a.sealed()}};
  // Issue 18: only an account limited to named actions lists them.
  if (a.capabilities) out["capabilities"] = *a.capabilities;
  if (a.sealed_at) out["sealed_at"] = a.sealed_at->to_string();
  if (seal_due) out["seal_due"] = seal_due->to_string();
  if (a.kind == AccountKind::person) {
    const PasswordPolicy& policy = policies.for_province(orgs.province_of(a.org));
    out["password_changed"] = a.password_changed.to_string();
    if (policy.rotation_days > 0) {
      out["password_expires"] = a.password_changed.plus_days(policy.rotation_days).to_string();
    }
  }
  return out;
}

}  // namespace xueji::http
