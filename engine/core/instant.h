#pragma once
// An absolute instant: whole seconds since 1970-01-01T00:00:00Z. Statutory
// deadlines are Beijing dates (UTC+8, no daylight saving since 1991): a step
// due on a date ends at 24:00 Asia/Shanghai, the instant its next day begins.
// Events carry instants, never "now": replay needs no clock.

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/calendar/date.h"
#include "engine/core/result.h"

namespace xueji {

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix_seconds(int64_t s) { return Instant(s); }
  // Parses RFC 3339 with an explicit offset ("2025-09-26T10:00:00+08:00",
  // "...Z"); fractional seconds are refused, not truncated silently.
  static Result<Instant> parse(std::string_view text);

  constexpr int64_t unix_seconds() const { return seconds_; }
  // The Beijing date this instant falls on.
  Date beijing_date() const;
  // RFC 3339 in Beijing time: "2025-10-17T00:00:00+08:00".
  std::string to_string() const;

  constexpr Instant plus_seconds(int64_t s) const { return Instant(seconds_ + s); }

  friend constexpr bool operator==(Instant a, Instant b) { return a.seconds_ == b.seconds_; }
  friend constexpr bool operator!=(Instant a, Instant b) { return a.seconds_ != b.seconds_; }
  friend constexpr bool operator<(Instant a, Instant b) { return a.seconds_ < b.seconds_; }
  friend constexpr bool operator<=(Instant a, Instant b) { return a.seconds_ <= b.seconds_; }
  friend constexpr bool operator>(Instant a, Instant b) { return a.seconds_ > b.seconds_; }
  friend constexpr bool operator>=(Instant a, Instant b) { return a.seconds_ >= b.seconds_; }

 private:
  constexpr explicit Instant(int64_t s) : seconds_(s) {}
  int64_t seconds_ = 0;
};

constexpr int64_t kBeijingOffsetSeconds = 8 * 3600;

// 00:00 Asia/Shanghai on `d`.
Instant start_of_beijing_day(Date d);
// 24:00 Asia/Shanghai on `d`: the end of a deadline that falls on `d`.
inline Instant end_of_beijing_day(Date d) { return start_of_beijing_day(d.plus_days(1)); }

}  // namespace xueji
