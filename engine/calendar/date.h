#pragma once
// A civil date in the proleptic Gregorian calendar, stored as days since
// 1970-01-01. Dates in Xueji are Beijing dates: a deadline "on" a date ends at
// 24:00 Asia/Shanghai (see engine/core/instant.h).

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/core/result.h"

namespace xueji {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Returns an error naming the field when the triple is not a real date
  // (2025-02-30, month 13, year outside 1900..2999).
  static Result<Date> from_ymd(int year, int month, int day);
  // Accepts exactly "YYYY-MM-DD"; anything else is an error quoting the input.
  static Result<Date> parse(std::string_view text);

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // ISO weekday: 1 = Monday ... 7 = Sunday.
  int iso_weekday() const;
  bool is_weekend() const { return iso_weekday() >= 6; }
  std::string to_string() const;

  constexpr Date plus_days(int32_t n) const { return Date(days_ + n); }
  // Calendar months, clamped to the month's end (2025-08-31 + 6 months =
  // 2026-02-28): the reading of "six months" (半年) in Art. 24.
  Date plus_months(int months) const;

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend constexpr bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend constexpr bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend constexpr bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend constexpr bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Days since 1970-01-01 of a valid civil date (no validation).
int32_t days_from_civil(int year, unsigned month, unsigned day);
bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace xueji
