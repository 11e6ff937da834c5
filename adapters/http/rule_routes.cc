#include "adapters/http/rule_routes.h"

#include <nlohmann/json.hpp>

#include "actors/domain_reload.h"
#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"

namespace xueji::http {

Response reload_rules(Services& s, const Request& r, Context& ctx) {
  if (!s.rule_paths) {
    return problem(404, "not_found", "this server was started without rule files to reload");
  }
  // The rules bind every province's cases: an administrator of the
  // ministry or of a province, whose rule authors wrote them (Art. 5).
  const auto domain = s.engine.data();
  const Org* org = domain->orgs.find(ctx.account->org);
  if (ctx.account->role != Role::administrator || org == nullptr ||
      (org->level != OrgLevel::ministry && org->level != OrgLevel::province)) {
    return problem(403, "role_forbidden",
                   "account '" + ctx.account->name +
                       "' may not reload the rules: only a ministry's or a province's "
                       "administrator may");
  }
  // {"wait": false}: answer once the set is in force, re-dating the open
  // steps of an arrived year in the background (a province's million open
  // cases take over a minute, docs/performance.md). No body: wait.
  bool wait = true;
  if (!r.body.empty()) {
    auto body = parse_object(r);
    if (!body) return from_error(body.error());
    auto asked = bool_field(*body, "wait", true);
    if (!asked) return from_error(asked.error());
    wait = *asked;
  }
  auto reloaded = reload_domain(s.engine, *s.rule_paths, wait);
  if (!reloaded) {
    ctx.detail = reloaded.error().message;
    return problem(422, "reload_refused", reloaded.error().message);
  }
  ctx.detail = reloaded->summary();
  return json_response(
      200, nlohmann::json{{"rule_version", reloaded->version},
                          {"previous_rule_version", reloaded->previous_version},
                          {"calendar_version", reloaded->calendars},
                          {"previous_calendar_version", reloaded->previous_calendars},
                          {"changed", reloaded->changed()},
                          {"national_years", reloaded->national_years},
                          {"arrived_years", reloaded->arrived_years},
                          {"redated", reloaded->redated},
                          {"redating", reloaded->redating},
                          {"password_rules_changed", reloaded->password_rules_changed}});
}

}  // namespace xueji::http
