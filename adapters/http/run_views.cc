#include "adapters/http/run_views.h"

#include "engine/account/jurisdiction.h"
#include "engine/student/promotion_correction.h"

namespace xueji::http {

nlohmann::json run_json(const store::StoredRun& run) {
  nlohmann::json out{{"id", run.id},
                     {"kind", run.kind},
                     {"scope", run.scope},
                     {"year", run_year(run.id)},
                     {"at", run.at.beijing_date().to_string()},
                     {"changed", run.changed},
                     {"finished", run.finished_at.has_value()}};
  if (run.kind == "promotion") out["corrections_until"] = corrections_until(run.at).to_string();
  return out;
}

Result<store::StoredRun> readable_run(Services& s, const std::string& id, const std::string& kind,
                                      const Context& ctx) {
  auto found = s.stores.runs.find_run(id);
  if (!found) return found.error();
  if (!*found || (*found)->kind != kind) {
    return make_error("not_found", "no " + kind + " run '" + id + "'");
  }
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  // A run of "" (every school, from the command line) is the ministry's.
  const std::string scope =
      (*found)->scope.empty() ? std::string(OrgTree::kMinistryCode) : (*found)->scope;
  if (!orgs.contains(scope, ctx.account->org)) {
    if (Status may = may_read_org(*ctx.account, scope, orgs); !may) return may.error();
  }
  return **found;
}

}  // namespace xueji::http
