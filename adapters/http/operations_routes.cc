#include "adapters/http/operations_routes.h"

#include <nlohmann/json.hpp>

#include "actors/archive_duty_sweep.h"
#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"

namespace xueji::http {

using nlohmann::json;

Response healthz(Services&, const Request&, Context&) {
  return json_response(200, json{{"status", "ok"}});
}

Response ready(Services& s, const Request&, Context&) {
  // An engine actor that stopped serves nobody until a restart.
  if (auto down = s.engine.down()) return problem(503, "engine_unavailable", *down);
  auto n = s.stores.reads.count_rows("orgs");
  if (!n) return problem(503, "store_unavailable", n.error().message);
  return json_response(
      200, json{{"status", "ready"}, {"rule_version", s.engine.data()->rules.version()}});
}

// Counters only: nothing here reads the store, so a scrape costs the same
// with a thousand open cases or ten million (issue 17).
Response metrics(Services& s, const Request&, Context&) {
  std::string text = s.requests.render();
  const std::string today = s.engine.data()->clock->now().beijing_date().to_string();
  EngineFigures figures;
  figures.backlog = s.engine.backlog().figures(today);
  const RuntimeStats engine = s.engine.stats();
  figures.commits = engine.commits;
  figures.transitions = engine.transitions;
  figures.largest_batch = engine.largest_batch;
  figures.batch_sizes = engine.batch_sizes;
  figures.commit_seconds = engine.commit_seconds;
  figures.commit_seconds_sum = engine.commit_seconds_sum;
  figures.lateness = engine.lateness;
  figures.redating_left = static_cast<int64_t>(engine.redating_left);
  figures.case_actors_failed = static_cast<int64_t>(engine.cases.failed);
  figures.account_actors_failed = static_cast<int64_t>(engine.accounts.failed);
  if (s.archive_sweep) {
    if (auto owed = s.archive_sweep->owed_at_last_look()) {
      figures.archive_steps_owed = static_cast<int64_t>(*owed);
    }
  }
  return Response{200, "text/plain; version=0.0.4", text + render(figures), {}};
}

}  // namespace xueji::http
