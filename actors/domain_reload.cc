#include "actors/domain_reload.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace xueji {
namespace {

Error refused(const std::string& why, const Domain& running) {
  return make_error("reload_refused",
                    why + "; the rules in force stay version " + running.rules.version());
}

// Every case whose next timer falls within a month before `first_year` or
// later (a reminder comes some working days before its due date) is asked
// to count its step again; a case with nothing provisional refuses,
// unchanged. Returns how many were re-dated, once all have answered.
// At most kInFlight are asked at a time, each answer asking the next: a
// province's 300,000 candidates all at once flooded the directory's
// mailbox and the writer, and the re-dating slowed to a third of the
// engine's opening rate (scripts/bench.sh, section redating).
size_t redate_provisional_steps(Runtime& engine, int first_year) {
  constexpr size_t kInFlight = 256;
  const Date new_year = *Date::from_ymd(first_year, 1, 1);
  const auto ids = engine.cases_due_from(start_of_beijing_day(new_year.plus_days(-31)));
  std::mutex m;
  std::condition_variable all_answered;
  size_t next = std::min(kInFlight, ids.size());  // the first not yet asked
  size_t left = ids.size();
  size_t redated = 0;
  // Each answer claims the next id under the lock before it counts itself
  // answered, so the last answer touches nothing once the wait may end.
  std::function<void(size_t)> ask = [&](size_t n) {
    engine.submit(ids[n], RedateProvisional{}, [&](const CaseReply& reply) {
      std::optional<size_t> then;
      {
        std::lock_guard<std::mutex> lock(m);
        if (reply.ok) ++redated;
        if (next < ids.size()) then = next++;
        if (--left == 0) {
          all_answered.notify_all();
          return;
        }
      }
      if (then) ask(*then);
    });
  };
  for (size_t i = 0; i < std::min(kInFlight, ids.size()); ++i) ask(i);
  std::unique_lock<std::mutex> lock(m);
  all_answered.wait(lock, [&] { return left == 0; });
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
