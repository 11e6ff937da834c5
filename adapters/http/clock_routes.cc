#include "adapters/http/clock_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/auto_promotion.h"
#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"

namespace xueji::http {

Response advance_clock(Services& s, const Request& r, Context& ctx) {
  if (!s.simulated_clock) {
    return problem(404, "not_found", "the clock is the system's: it cannot be advanced");
  }
  // Moving the simulated clock moves every deadline in the country: the
  // ministry's administrators only.
  const Org* org = s.engine.data()->orgs.find(ctx.account->org);
  if (ctx.account->role != Role::administrator || org == nullptr ||
      org->level != OrgLevel::ministry) {
    return problem(403, "role_forbidden",
                   "account '" + ctx.account->name +
                       "' may not move the simulated clock: only a ministry administrator may");
  }
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto to_text = string_field(*body, "to");
  if (!to_text) return from_error(to_text.error());
  auto to = Instant::parse(*to_text);
  if (!to) return problem(422, "invalid_field", "field 'to': " + to.error().message);
  // With the promotion running by itself, the move stops at each
  // province's date on the way to run it (Art. 7).
  auto fired = s.promotions ? s.promotions->advance(*to) : s.engine.advance(*to);
  if (!fired) return from_error(fired.error());
  return json_response(
      200, nlohmann::json{{"now", s.simulated_clock->now().to_string()}, {"fired", *fired}});
}

}  // namespace xueji::http
