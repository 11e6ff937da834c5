#include "engine/core/instant.h"

#include <cstdio>

namespace xueji {
namespace {

constexpr int64_t kDay = 86400;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

Instant start_of_beijing_day(Date d) {
  return Instant::from_unix_seconds(static_cast<int64_t>(d.days()) * kDay - kBeijingOffsetSeconds);
}

Date Instant::beijing_date() const {
  return Date::from_days(static_cast<int32_t>(floor_div(seconds_ + kBeijingOffsetSeconds, kDay)));
}

std::string Instant::to_string() const {
  const int64_t local = seconds_ + kBeijingOffsetSeconds;
  const Date d = Date::from_days(static_cast<int32_t>(floor_div(local, kDay)));
  const int64_t in_day = local - static_cast<int64_t>(d.days()) * kDay;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00", d.to_string().c_str(),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return buf;
}

Result<Instant> Instant::parse(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return make_error("invalid_instant", "'" + std::string(text) +
                                             "' is not an RFC 3339 instant such as "
                                             "2025-09-26T10:00:00+08:00: " +
                                             why);
  };
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't'))
    return bad("expected YYYY-MM-DDThh:mm:ss");
  auto date = Date::parse(text.substr(0, 10));
  if (!date) return bad(date.error().message);
  int hh = 0, mm = 0, ss = 0;
  if (!digits(text, 11, 2, hh) || text[13] != ':' || !digits(text, 14, 2, mm) || text[16] != ':' ||
      !digits(text, 17, 2, ss)) {
    return bad("expected the time as hh:mm:ss");
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad("time of day out of range");
  const std::string_view zone = text.substr(19);
  int64_t offset = 0;
  if (zone == "Z" || zone == "z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!digits(zone, 1, 2, oh) || !digits(zone, 4, 2, om) || oh > 23 || om > 59) {
      return bad("bad UTC offset");
    }
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  } else {
    return bad("expected a UTC offset such as +08:00 or Z");
  }
  const int64_t local = static_cast<int64_t>(date->days()) * kDay + hh * 3600 + mm * 60 + ss;
  return Instant(local - offset);
}

}  // namespace xueji
