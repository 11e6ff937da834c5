#pragma once
// One jurisdiction's working-day calendar: the national schedule, or the
// national schedule with a province's overlay applied. Immutable once built.
//
// A working day is Monday-Friday that is not a public holiday, plus the
// weekend days officially made working days (调休上班). Days in a year whose
// schedule is not loaded count by weekday alone, and any answer that relies
// on such a day is flagged provisional.
//
// Every query is O(1): a prefix count of working days over the loaded years,
// the inverse index of the k-th working day, and closed-form weekday counting
// outside the loaded range.

#include <cstdint>
#include <vector>

#include "engine/calendar/date.h"

namespace xueji {

struct WorkingDayAnswer {
  Date date;
  // True when the answer depends on a day of a year whose schedule is not
  // loaded: it was computed on weekdays alone and may move once it is.
  bool provisional = false;
};

struct WorkingDayCount {
  int64_t days = 0;
  bool provisional = false;
};

class WorkingDayCalendar {
 public:
  // `first_year`'s 1 January is day 0 of `is_working`; `loaded[y - first_year]`
  // says whether year y's schedule was loaded (an unloaded year between two
  // loaded ones holds weekday flags). An empty vector means nothing loaded.
  WorkingDayCalendar(int first_year, std::vector<bool> is_working, std::vector<bool> loaded);
  // A calendar with no schedule: every answer is weekday-only and provisional.
  WorkingDayCalendar();

  bool is_working_day(Date d) const;
  // True when `d`'s year has no loaded schedule.
  bool is_provisional(Date d) const;

  // The `n`th working day after `from`, `from` itself not counted (Art. 15's
  // "within N working days"); the deadline is the end of that day. For n = 0
  // the answer is `from` when it is a working day, else the next working day.
  // Requires n >= 0.
  WorkingDayAnswer add_working_days(Date from, int32_t n) const;

  // The `n`th working day before `to`, `to` itself not counted (n >= 1): the
  // day a reminder "2 working days before the deadline" falls on.
  WorkingDayAnswer subtract_working_days(Date to, int32_t n) const;

  // The number of working days in (a, b]: so that
  // working_days_between(d, add_working_days(d, n).date) == n for n >= 1.
  // Negative when b < a.
  WorkingDayCount working_days_between(Date a, Date b) const;

 private:
  // Working days on or before `d`, counted from a fixed origin.
  int64_t count_through(Date d) const;
  // The working day whose count_through() is `k`.
  Date kth_working_day(int64_t k) const;
  bool touches_unloaded_year(Date first, Date last) const;

  int32_t start_ = 0;  // days of first_year-01-01
  int32_t end_ = -1;   // days of last_year-12-31 (end_ < start_ when empty)
  int first_year_ = 0;
  int64_t before_start_ = 0;  // weekdays strictly before start_
  int64_t weekdays_through_end_ = 0;
  std::vector<int32_t> count_;  // working days in [start_, start_ + i]
  std::vector<int32_t> nth_;    // offset from start_ of the (k+1)-th working day
  std::vector<bool> loaded_;
  bool has_gaps_ = false;
};

}  // namespace xueji
