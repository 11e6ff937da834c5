#include "adapters/http/operations_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"

namespace xueji::http {

using nlohmann::json;

Response healthz(Services&, const Request&, Context&) {
  return json_response(200, json{{"status", "ok"}});
}

Response ready(Services& s, const Request&, Context&) {
  auto n = s.stores.reads.count_rows("orgs");
  if (!n) return problem(503, "store_unavailable", n.error().message);
  return json_response(
      200, json{{"status", "ready"}, {"rule_version", s.engine.data().rules.version()}});
}

Response metrics(Services& s, const Request&, Context&) {
  std::string text = s.requests.render();
  const std::string today = s.engine.data().clock->now().beijing_date().to_string();
  EngineFigures figures;
  {
    auto all = s.stores.reads.active_steps("", "");
    auto late = s.stores.reads.active_steps("", today);
    auto notices = s.stores.outbox.count_undelivered_notices();
    if (!all || !late || !notices) {
      return problem(503, "store_unavailable", "the store cannot be read");
    }
    figures.pending_cases = static_cast<long long>(all->size());
    figures.overdue_steps = static_cast<long long>(late->size());
    figures.notices_waiting = *notices;
  }
  const RuntimeStats engine = s.engine.stats();
  figures.commits = engine.commits;
  figures.transitions = engine.transitions;
  figures.largest_batch = engine.largest_batch;
  figures.lateness = engine.lateness;
  return Response{200, "text/plain; version=0.0.4", text + render(figures), {}};
}

}  // namespace xueji::http
