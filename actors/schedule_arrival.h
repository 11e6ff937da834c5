#pragma once
// A year's national holiday schedule arriving (Art. 15: never a day less
// than the party was told; docs/calendars.md, "Years not loaded"): every
// open step whose due date was counted on that year's provisional calendar
// is counted again and re-dated. A reload does it for the years it brings
// (domain_reload.h); a start does it for the years its calendar files hold
// that the store has not recorded as answered: a schedule added to the
// files while the server was down, or a re-dating a stop cut short. A year
// is recorded once its re-dating is done (migrations/0026), so a stop
// midway answers it again at the next start; a case re-dated already
// refuses ("not_provisional"), changing nothing.

#include <cstddef>
#include <vector>

#include "actors/runtime.h"

namespace xueji {

// Asks every case whose next timer falls within a month before
// `first_year` or later to count its provisional step again, a few at a
// time (submit_each.h); how many were re-dated, once all have answered.
size_t redate_provisional_steps(Runtime& engine, int first_year);

// Records `years` as answered, at the engine's now.
Status settle_schedule_years(Runtime& engine, const std::vector<int>& years);

struct ScheduleArrival {
  std::vector<int> arrived;  // years of the calendars in force answered now
  size_t redated = 0;
  bool first = false;  // nothing was recorded: the years were recorded as found
};

// At a start, with `answered` the years the store records: the years of
// the calendars in force not among them are re-dated and recorded. With
// none recorded (the first start with the table), the years in force are
// recorded as they are: the open steps were counted on them.
Result<ScheduleArrival> answer_arrived_schedules(Runtime& engine, const std::vector<int>& answered);

}  // namespace xueji
