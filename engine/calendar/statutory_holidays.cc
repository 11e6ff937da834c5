#include "engine/calendar/statutory_holidays.h"

#include <algorithm>
#include <set>
#include <string>

namespace xueji {
namespace {

// `key`'s date in `entry`, inside `year` from month/day `from` to `to`.
Date seasonal(const YamlSource& yaml, const YAML::Node& entry, const char* key, int year,
              int from_month, int from_day, int to_month, int to_day) {
  const YAML::Node node = yaml.require(entry, key);
  const Date d = yaml.date(node, std::string("'") + key + "'");
  const Date first = *Date::from_ymd(year, from_month, from_day);
  const Date last = *Date::from_ymd(year, to_month, to_day);
  if (d < first || last < d) {
    yaml.fail(node, std::string(key) + " " + d.to_string() + " lies outside " + first.to_string() +
                        " to " + last.to_string());
  }
  return d;
}

}  // namespace

bool is_statutory_file(const YamlSource& yaml) {
  const YAML::Node scope = yaml.root().IsMap() ? yaml.root()["scope"] : YAML::Node();
  return scope.IsDefined() && scope.IsScalar() && scope.Scalar() == "statutory";
}

std::vector<StatutoryYear> read_statutory_holidays(const YamlSource& yaml) {
  const YAML::Node& root = yaml.root();
  yaml.expect_map(root, "the statutory holidays' file", {"scope", "source", "years"});
  const YAML::Node years = yaml.require(root, "years");
  if (!years.IsSequence()) yaml.fail(years, "'years' must be a list");
  const std::string source =
      root["source"] ? yaml.scalar(root["source"], "'source'") : std::string("statutory holidays");
  std::vector<StatutoryYear> out;
  std::set<int> seen;
  for (const auto& entry : years) {
    yaml.expect_map(entry, "a year", {"year", "chuxi", "qingming", "duanwu", "zhongqiu"});
    const int year =
        static_cast<int>(yaml.integer(yaml.require(entry, "year"), "'year'", 1900, 2998));
    if (!seen.insert(year).second)
      yaml.fail(entry, "year " + std::to_string(year) + " is given twice");
    const Date chuxi = seasonal(yaml, entry, "chuxi", year, 1, 20, 2, 19);
    const Date qingming = seasonal(yaml, entry, "qingming", year, 4, 4, 4, 6);
    const Date duanwu = seasonal(yaml, entry, "duanwu", year, 5, 28, 6, 25);
    const Date zhongqiu = seasonal(yaml, entry, "zhongqiu", year, 9, 7, 10, 8);
    auto on = [year](int month, int day) { return *Date::from_ymd(year, month, day); };
    StatutoryYear y;
    y.year = year;
    y.stated.year = year;
    y.stated.source = source;
    y.stated.holidays = {{"元旦 New Year (statutory)", on(1, 1), on(1, 1), {}},
                         {"春节 Spring Festival (statutory)", chuxi, chuxi.plus_days(3), {}},
                         {"清明节 Qingming (statutory)", qingming, qingming, {}},
                         {"劳动节 Labour Day (statutory)", on(5, 1), on(5, 2), {}},
                         {"端午节 Dragon Boat (statutory)", duanwu, duanwu, {}},
                         {"中秋节 Mid-Autumn (statutory)", zhongqiu, zhongqiu, {}},
                         {"国庆节 National Day (statutory)", on(10, 1), on(10, 3), {}}};
    std::set<Date> off;
    for (const auto& h : y.stated.holidays) {
      for (Date d = h.from; d <= h.to; d = d.plus_days(1)) off.insert(d);
    }
    y.days_off.assign(off.begin(), off.end());
    out.push_back(std::move(y));
  }
  std::sort(out.begin(), out.end(),
            [](const StatutoryYear& a, const StatutoryYear& b) { return a.year < b.year; });
  return out;
}

}  // namespace xueji
