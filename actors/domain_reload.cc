#include "actors/domain_reload.h"

#include <algorithm>
#include <mutex>

#include "actors/schedule_arrival.h"

namespace xueji {
namespace {

Error refused(const std::string& why, const Domain& running) {
  return make_error("reload_refused",
                    why + "; the rules in force stay version " + running.rules.version());
}

}  // namespace

Result<DomainReload> reload_domain(Runtime& engine, const DomainPaths& paths, bool wait) {
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  const std::shared_ptr<const Domain> running = engine.data();
  auto loaded = load_rule_files(paths);
  if (!loaded) return refused(loaded.error().message, *running);
  std::shared_ptr<Domain> next = std::move(*loaded);
  const auto kinds = next->rules.kinds();
  for (const auto& kind : running->rules.kinds()) {
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
      return refused(paths.rules_dir + ": no national rule for kind '" + kind +
                         "', which the rules in force have (open cases and accounts' "
                         "capabilities may name it)",
                     *running);
    }
  }
  next->clock = running->clock;
  DomainReload outcome;
  outcome.previous_version = running->rules.version();
  outcome.previous_calendars = running->calendars.version();
  outcome.version = next->rules.version();
  outcome.calendars = next->calendars.version();
  outcome.password_rules_changed = next->passwords != running->passwords;
  outcome.national_years = next->calendars.national_years();
  const auto& before = running->calendars.national_years();
  for (int year : outcome.national_years) {
    if (std::find(before.begin(), before.end(), year) == before.end()) {
      outcome.arrived_years.push_back(year);
    }
  }
  // The org tree in force when it is put in force: an org change made while
  // the files were read stays (Art. 12).
  engine.update_domain([&](const Domain& now) {
    next->orgs = now.orgs;
    return std::shared_ptr<const Domain>(std::move(next));
  });
  if (outcome.arrived_years.empty()) return outcome;
  auto ids = redating_candidates(engine, outcome.arrived_years.front());
  if (!wait) {
    outcome.redating = ids.size();
    engine.redate_in_background(std::move(ids), outcome.arrived_years);
    return outcome;
  }
  outcome.redated = redate_cases(engine, ids);
  // Answered. The set is in force either way: a failure to record it
  // leaves the next start to ask the cases again, which is harmless.
  (void)settle_schedule_years(engine, outcome.arrived_years);
  return outcome;
}

}  // namespace xueji
