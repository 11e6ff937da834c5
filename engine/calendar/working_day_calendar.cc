#include "engine/calendar/working_day_calendar.h"

#include <algorithm>
#include <cassert>

namespace xueji {
namespace {

// 1900-01-01 was a Monday; every date Xueji accepts lies after it.
const int32_t kMondayOrigin = days_from_civil(1900, 1, 1);

// Weekdays (Mon-Fri) in [kMondayOrigin, d]; 0 for the day before the origin.
int64_t weekdays_through(int32_t d) {
  const int64_t t = static_cast<int64_t>(d) - kMondayOrigin + 1;  // days in the span
  const int64_t weeks = t / 7;
  const int64_t rest = t % 7;
  return weeks * 5 + std::min<int64_t>(rest, 5);
}

// The weekday whose weekdays_through() is k (k >= 1).
int32_t kth_weekday(int64_t k) {
  const int64_t weeks = (k - 1) / 5;
  const int64_t rest = (k - 1) % 5;
  return static_cast<int32_t>(kMondayOrigin + weeks * 7 + rest);
}

}  // namespace

WorkingDayCalendar::WorkingDayCalendar() = default;

WorkingDayCalendar::WorkingDayCalendar(int first_year, std::vector<bool> is_working,
                                       std::vector<bool> loaded)
    : first_year_(first_year), loaded_(std::move(loaded)) {
  if (is_working.empty()) return;
  start_ = days_from_civil(first_year, 1, 1);
  end_ = start_ + static_cast<int32_t>(is_working.size()) - 1;
  assert(end_ == days_from_civil(first_year + static_cast<int>(loaded_.size()) - 1, 12, 31));
  before_start_ = weekdays_through(start_ - 1);
  weekdays_through_end_ = weekdays_through(end_);
  count_.resize(is_working.size());
  int32_t running = 0;
  for (size_t i = 0; i < is_working.size(); ++i) {
    if (is_working[i]) {
      nth_.push_back(static_cast<int32_t>(i));
      ++running;
    }
    count_[i] = running;
  }
  has_gaps_ = std::find(loaded_.begin(), loaded_.end(), false) != loaded_.end();
}

bool WorkingDayCalendar::is_working_day(Date d) const {
  const int32_t x = d.days();
  if (x >= start_ && x <= end_) {
    const size_t i = static_cast<size_t>(x - start_);
    return count_[i] != (i == 0 ? 0 : count_[i - 1]);
  }
  return !d.is_weekend();
}

bool WorkingDayCalendar::is_provisional(Date d) const {
  const int32_t x = d.days();
  if (x < start_ || x > end_) return true;
  return has_gaps_ && !loaded_[static_cast<size_t>(d.year() - first_year_)];
}

int64_t WorkingDayCalendar::count_through(Date d) const {
  const int32_t x = d.days();
  if (x < start_) return weekdays_through(x);
  const int64_t total = static_cast<int64_t>(nth_.size());
  if (x <= end_) return before_start_ + count_[static_cast<size_t>(x - start_)];
  return before_start_ + total + (weekdays_through(x) - weekdays_through_end_);
}

Date WorkingDayCalendar::kth_working_day(int64_t k) const {
  if (k <= before_start_ || end_ < start_) return Date::from_days(kth_weekday(k));
  const int64_t total = static_cast<int64_t>(nth_.size());
  if (k <= before_start_ + total) {
    return Date::from_days(start_ + nth_[static_cast<size_t>(k - before_start_ - 1)]);
  }
  return Date::from_days(kth_weekday(k - before_start_ - total + weekdays_through_end_));
}

bool WorkingDayCalendar::touches_unloaded_year(Date first, Date last) const {
  if (first > last) return false;
  if (first.days() < start_ || last.days() > end_) return true;
  if (!has_gaps_) return false;
  for (int y = first.year(); y <= last.year(); ++y) {
    if (!loaded_[static_cast<size_t>(y - first_year_)]) return true;
  }
  return false;
}

WorkingDayAnswer WorkingDayCalendar::add_working_days(Date from, int32_t n) const {
  assert(n >= 0);
  const int64_t base = count_through(from);
  Date result;
  if (n == 0) {
    result = is_working_day(from) ? from : kth_working_day(base + 1);
    return {result, touches_unloaded_year(from, result)};
  }
  result = kth_working_day(base + n);
  return {result, touches_unloaded_year(from.plus_days(1), result)};
}

WorkingDayAnswer WorkingDayCalendar::subtract_working_days(Date to, int32_t n) const {
  assert(n >= 1);
  // count_through(to) counts `to` itself when it is a working day; the first
  // working day strictly before `to` is then one further back.
  const int64_t through = count_through(to) - (is_working_day(to) ? 1 : 0);
  const Date result = kth_working_day(through - n + 1);
  return {result, touches_unloaded_year(result, to.plus_days(-1))};
}

WorkingDayCount WorkingDayCalendar::working_days_between(Date a, Date b) const {
  const int64_t days = count_through(b) - count_through(a);
  const bool provisional =
      a <= b ? touches_unloaded_year(a.plus_days(1), b) : touches_unloaded_year(b.plus_days(1), a);
  return {days, provisional};
}

}  // namespace xueji
