#include "actors/domain_reload.h"

#include <algorithm>
#include <mutex>

#include "actors/submit_each.h"

namespace xueji {
namespace {

Error refused(const std::string& why, const Domain& running) {
  return make_error("reload_refused",
                    why + "; the rules in force stay version " + running.rules.version());
}

// Every case whose next timer falls within a month before `first_year` or
// later (a reminder comes some working days before its due date) is asked
// to count its step again; a case with nothing provisional refuses,
// unchanged. Returns how many were re-dated, once all have answered
// (kInFlight at a time, submit_each.h).
size_t redate_provisional_steps(Runtime& engine, int first_year) {
  constexpr size_t kInFlight = 256;
  const Date new_year = *Date::from_ymd(first_year, 1, 1);
  const auto ids = engine.cases_due_from(start_of_beijing_day(new_year.plus_days(-31)));
  size_t redated = 0;
  submit_each(
      engine, ids.size(), kInFlight,
      [&](size_t n) {
        return SubmittedCase{ids[n], RedateProvisional{}, std::nullopt};
      },
      [&](size_t, const CaseReply& reply) {
        if (reply.ok) ++redated;
      });
  return redated;
}

}  // namespace

Result<DomainReload> reload_domain(Runtime& engine, const DomainPaths& paths) {
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
  if (!outcome.arrived_years.empty()) {
    outcome.redated = redate_provisional_steps(engine, outcome.arrived_years.front());
  }
  return outcome;
}

}  // namespace xueji
