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

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "actors/runtime.h"

namespace xueji {

// The cases a schedule arriving for `first_year` (and later) may re-date:
// those whose next timer falls within a month before that year or later,
// soonest first (a reminder comes some working days before its due date).
std::vector<std::string> redating_candidates(Runtime& engine, int first_year);

// Asks each of `ids` to count its provisional step again, a few at a time
// (submit_each.h); a case with nothing provisional refuses, unchanged. How
// many were re-dated, once all have answered. With `left`, counts it down
// as each answers.
size_t redate_cases(Runtime& engine, const std::vector<std::string>& ids,
                    std::atomic<size_t>* left = nullptr);

// redate_cases() over redating_candidates().
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
