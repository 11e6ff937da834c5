#include "engine/calendar/date.h"

#include <algorithm>
#include <cstdio>

namespace xueji {
namespace {

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

// The era-based conversion (400-year cycles of 146097 days) keeps both
// directions branch-light and exact over the whole proleptic calendar.
Civil civil_from_days(int32_t z) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{y + (m <= 2), m, d};
}

}  // namespace

int32_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

Result<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1900 || year > 2999) {
    return make_error("invalid_date", "year " + std::to_string(year) + " is outside 1900..2999");
  }
  if (month < 1 || month > 12) {
    return make_error("invalid_date", "month " + std::to_string(month) + " does not exist");
  }
  if (day < 1 || day > days_in_month(year, month)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d has no day %d", year, month, day);
    return make_error("invalid_date", buf);
  }
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::parse(std::string_view text) {
  auto bad = [&] {
    return make_error("invalid_date",
                      "'" + std::string(text) + "' is not a date of the form YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  auto date = from_ymd(parts[0], parts[1], parts[2]);
  if (!date) {
    return make_error("invalid_date",
                      "'" + std::string(text) + "' is not a real date: " + date.error().message);
  }
  return date;
}

int Date::year() const { return civil_from_days(days_).year; }
int Date::month() const { return static_cast<int>(civil_from_days(days_).month); }
int Date::day() const { return static_cast<int>(civil_from_days(days_).day); }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const int32_t r = ((days_ % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(r) + 1;
}

std::string Date::to_string() const {
  const Civil c = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

Date Date::plus_months(int months) const {
  const Civil c = civil_from_days(days_);
  int total = c.year * 12 + static_cast<int>(c.month) - 1 + months;
  const int year = total / 12;
  const int month = total % 12 + 1;
  const int day = std::min(static_cast<int>(c.day), days_in_month(year, month));
  return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

}  // namespace xueji
