#pragma once
// Which capability (engine/account/capability.h) each route's action asks
// of an account limited to named actions (issue 18). Checked by the
// pipeline (api.cc) after the token and before the route runs, so a
// refused request changes nothing; opening a case asks `open:<kind>`,
// which only the route learns from the body (case_routes.cc).

#include <string>
#include <string_view>

namespace xueji::http {

// The capability `action` (a route table's "case.decide", "org.pending",
// ...) needs: "" for what every account may do (opening a case is checked
// by its route). An action this table does not list needs the action's own
// name, which no list can hold: a route added without a line here is
// refused to every limited account rather than open to all of them.
std::string capability_for_action(std::string_view action);

}  // namespace xueji::http
