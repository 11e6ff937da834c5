#include "adapters/http/org_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "engine/account/jurisdiction.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// Whether the caller may read org `org`: "unknown_org" or the refusal.
Status readable_org(Services& s, const std::string& org, const Context& ctx) {
  if (s.engine.data().orgs.find(org) == nullptr) {
    return make_error("unknown_org", "unknown organisation '" + org + "'");
  }
  return may_read_org(*ctx.account, org, s.engine.data().orgs);
}

json steps_json(const std::vector<store::ActiveStep>& steps) {
  json out = json::array();
  for (const auto& step : steps) {
    out.push_back(json{{"case", step.case_id},
                       {"kind", step.kind},
                       {"step", step.step},
                       {"org", step.org},
                       {"holder", step.holder},
                       {"due", step.due},
                       {"holder_due", step.holder_due}});
  }
  return out;
}

}  // namespace

Response notices(Services& s, const Request&, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  auto list = s.stores.reads.notices_for_org(org);
  if (!list) return from_error(list.error());
  json out = json::array();
  for (const auto& n : *list) {
    out.push_back(json{{"id", n.id},
                       {"org", n.org},
                       {"case", n.case_id},
                       {"kind", n.kind},
                       {"at", n.at.to_string()},
                       {"step", n.step},
                       {"due", n.due},
                       {"text", n.text}});
  }
  return json_response(200, json{{"org", org}, {"notices", std::move(out)}});
}

Response pending(Services& s, const Request&, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  auto steps = s.stores.reads.active_steps(org, "");
  if (!steps) return from_error(steps.error());
  return json_response(200, json{{"org", org}, {"pending", steps_json(*steps)}});
}

Response overdue(Services& s, const Request&, Context& ctx) {
  const std::string& org = ctx.args[0];
  const OrgTree& orgs = s.engine.data().orgs;
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string today = s.engine.data().clock->now().beijing_date().to_string();
  // The store filters by date only: the subtree is cut here.
  auto steps = s.stores.reads.active_steps("", today);
  if (!steps) return from_error(steps.error());
  std::vector<store::ActiveStep> mine;
  for (const auto& step : *steps) {
    if (orgs.contains(org, step.org)) mine.push_back(step);
  }
  return json_response(200, json{{"org", org}, {"as_of", today}, {"overdue", steps_json(mine)}});
}

}  // namespace xueji::http
