#include "actors/schedule_arrival.h"

#include <algorithm>

#include "actors/submit_each.h"

namespace xueji {

std::vector<std::string> redating_candidates(Runtime& engine, int first_year) {
  const Date new_year = *Date::from_ymd(first_year, 1, 1);
  return engine.cases_due_from(start_of_beijing_day(new_year.plus_days(-31)));
}

size_t redate_cases(Runtime& engine, const std::vector<std::string>& ids,
                    std::atomic<size_t>* left) {
  constexpr size_t kInFlight = 256;
  size_t redated = 0;
  submit_each(
      engine, ids.size(), kInFlight,
      [&](size_t n) {
        return SubmittedCase{ids[n], RedateProvisional{}, std::nullopt};
      },
      [&](size_t, const CaseReply& reply) {
        if (reply.ok) ++redated;
        if (left != nullptr) --*left;
      });
  return redated;
}

size_t redate_provisional_steps(Runtime& engine, int first_year) {
  return redate_cases(engine, redating_candidates(engine, first_year));
}

Status settle_schedule_years(Runtime& engine, const std::vector<int>& years) {
  if (years.empty()) return Status();
  Transition settled;
  settled.records.schedule_years = years;
  settled.records.schedule_years_at = engine.data()->clock->now();
  return engine.commit(std::move(settled));
}

Result<ScheduleArrival> answer_arrived_schedules(Runtime& engine,
                                                 const std::vector<int>& answered) {
  ScheduleArrival outcome;
  const std::vector<int> in_force = engine.data()->calendars.national_years();
  if (answered.empty()) {
    outcome.first = true;
    if (Status ok = settle_schedule_years(engine, in_force); !ok) return ok.error();
    return outcome;
  }
  for (int year : in_force) {
    if (std::find(answered.begin(), answered.end(), year) == answered.end()) {
      outcome.arrived.push_back(year);
    }
  }
  if (outcome.arrived.empty()) return outcome;
  std::sort(outcome.arrived.begin(), outcome.arrived.end());
  outcome.redated = redate_provisional_steps(engine, outcome.arrived.front());
  if (Status ok = settle_schedule_years(engine, outcome.arrived); !ok) return ok.error();
  return outcome;
}

}  // namespace xueji
