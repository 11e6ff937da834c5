#include "engine/calendar/calendar_loader.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/calendar/statutory_holidays.h"
#include "engine/core/files_version.h"
#include "engine/core/yaml_source.h"
#include "engine/org/provinces.h"

namespace xueji {
namespace {

// One year's schedule as a file states it.
struct YearSchedule {
  std::string file;
  std::string province;  // "" for the national schedule
  int year = 0;
  std::vector<Date> days_off;
  std::vector<Date> days_worked;  // make-up working days (调休上班)
  // A province's overlay: national make-up working days it rests instead,
  // each with its line, checked against the national year once all are read.
  std::vector<std::pair<Date, int>> make_up_cancelled;
  HolidaySchedule stated;  // by name, for people reading the year
};

YearSchedule parse_schedule(const YamlSource& yaml) {
  const YAML::Node& root = yaml.root();
  yaml.expect_map(root, "a calendar file",
                  {"scope", "province", "year", "source", "holidays", "cancel_make_up"});

  YearSchedule schedule;
  schedule.file = yaml.file();
  const bool has_scope = root["scope"].IsDefined();
  const bool has_province = root["province"].IsDefined();
  if (has_scope == has_province) {
    yaml.fail(root, "a calendar file names either 'scope: national' or 'province: <code>'");
  }
  if (has_scope && yaml.scalar(root["scope"], "'scope'") != "national") {
    yaml.fail(root["scope"],
              "'scope' must be 'national' or 'statutory' (a province overlay uses 'province')");
  }
  if (has_province) {
    schedule.province = yaml.scalar(root["province"], "'province'");
    if (!is_province_code(schedule.province)) {
      yaml.fail(root["province"],
                "unknown province '" + schedule.province +
                    "' (expected a GB/T 2260 province-level code such as 450000)");
    }
  }
  schedule.year = static_cast<int>(yaml.integer(yaml.require(root, "year"), "'year'", 1900, 2998));

  auto in_year = [&](const YAML::Node& node, const std::string& what) {
    const Date d = yaml.date(node, what);
    if (d.year() != schedule.year) {
      yaml.fail(node, what + " " + d.to_string() + " is not in " + std::to_string(schedule.year) +
                          " (each file holds one year)");
    }
    return d;
  };

  std::map<int32_t, std::string> seen_off;  // day -> holiday name, to report clashes
  std::map<int32_t, std::string> seen_worked;
  const YAML::Node holidays = yaml.require(root, "holidays");
  if (!holidays.IsSequence()) yaml.fail(holidays, "'holidays' must be a list");
  for (const auto& holiday : holidays) {
    yaml.expect_map(holiday, "a holiday", {"name", "from", "to", "make_up"});
    const std::string name = yaml.required_string(holiday, "name");
    const Date from = in_year(yaml.require(holiday, "from"), "'from'");
    const Date to = in_year(yaml.require(holiday, "to"), "'to'");
    schedule.stated.holidays.push_back(NamedHoliday{name, from, to, {}});
    if (to < from) {
      yaml.fail(holiday["to"], "holiday '" + name + "' ends (" + to.to_string() +
                                   ") before it starts (" + from.to_string() + ")");
    }
    for (Date d = from; d <= to; d = d.plus_days(1)) {
      auto [it, fresh] = seen_off.emplace(d.days(), name);
      if (!fresh) {
        yaml.fail(holiday,
                  d.to_string() + " is a day off in both '" + it->second + "' and '" + name + "'");
      }
      schedule.days_off.push_back(d);
    }
    const YAML::Node make_up = holiday["make_up"];
    if (!make_up.IsDefined() || make_up.IsNull()) continue;
    if (!make_up.IsSequence()) yaml.fail(make_up, "'make_up' must be a list of dates");
    for (const auto& node : make_up) {
      const Date d = in_year(node, "make-up working day");
      if (!d.is_weekend() && schedule.province.empty()) {
        yaml.fail(node,
                  "make-up working day " + d.to_string() + " is a weekday, a working day already");
      }
      seen_worked.emplace(d.days(), name);
      schedule.days_worked.push_back(d);
      schedule.stated.holidays.back().make_up.push_back(d);
    }
  }
  // A province that publishes a whole year of its own (Xinjiang does) may
  // rest a day the nation makes up: the day is its own, not a national one.
  const YAML::Node cancelled = root["cancel_make_up"];
  if (cancelled.IsDefined() && !cancelled.IsNull()) {
    if (schedule.province.empty()) {
      yaml.fail(cancelled,
                "'cancel_make_up' belongs to a province's overlay, not the national schedule");
    }
    if (!cancelled.IsSequence()) yaml.fail(cancelled, "'cancel_make_up' must be a list of dates");
    for (const auto& node : cancelled) {
      const Date d = in_year(node, "cancelled make-up working day");
      if (seen_worked.count(d.days()) != 0) {
        yaml.fail(node, d.to_string() + " is both made up and cancelled in this file");
      }
      schedule.make_up_cancelled.emplace_back(d, node.Mark().line + 1);
    }
  }
  schedule.stated.province = schedule.province;
  schedule.stated.year = schedule.year;
  if (root["source"]) schedule.stated.source = yaml.scalar(root["source"], "'source'");
  for (const auto& [day, name] : seen_worked) {
    auto clash = seen_off.find(day);
    if (clash != seen_off.end()) {
      yaml.fail(holidays, Date::from_days(day).to_string() + " is both a day off ('" +
                              clash->second + "') and a make-up working day ('" + name + "')");
    }
  }
  return schedule;
}

// Applies a schedule's days to the flags of the table starting at `first_year`.
void apply(const YearSchedule& schedule, int first_year, std::vector<bool>& is_working) {
  const int32_t origin = days_from_civil(first_year, 1, 1);
  for (Date d : schedule.days_off) is_working[static_cast<size_t>(d.days() - origin)] = false;
  for (Date d : schedule.days_worked) is_working[static_cast<size_t>(d.days() - origin)] = true;
  for (const auto& [d, line] : schedule.make_up_cancelled) {
    is_working[static_cast<size_t>(d.days() - origin)] = false;
  }
}

Result<CalendarSet> build(const std::vector<CalendarSource>& sources) {
  std::vector<YearSchedule> schedules;
  std::vector<VersionedFile> versioned;
  std::vector<StatutoryYear> statutory;
  std::string statutory_file;
  for (const auto& source : sources) {
    try {
      YamlSource yaml(source.file, source.text);
      if (is_statutory_file(yaml)) {
        if (!statutory_file.empty()) {
          yaml.fail(yaml.root(), "the statutory holidays are already given in " + statutory_file);
        }
        statutory = read_statutory_holidays(yaml);
        statutory_file = source.file;
      } else {
        schedules.push_back(parse_schedule(yaml));
      }
    } catch (const YAML::Exception& e) {
      throw SourceError(source.file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    versioned.push_back({source.file, source.text});
  }
  const std::string version = files_version(versioned);

  std::map<int, const YearSchedule*> national;
  std::map<std::string, std::map<int, const YearSchedule*>> overlays;
  for (const auto& s : schedules) {
    auto& slot = s.province.empty() ? national[s.year] : overlays[s.province][s.year];
    if (slot != nullptr) {
      throw SourceError(s.file + ":1: year " + std::to_string(s.year) + " of " +
                        (s.province.empty() ? "the national schedule" : "province " + s.province) +
                        " is already given in " + slot->file);
    }
    slot = &s;
  }
  for (const auto& [province, years] : overlays) {
    for (const auto& [year, s] : years) {
      if (national.count(year) == 0) {
        throw SourceError(s->file + ":1: overlay for " + province + " in " + std::to_string(year) +
                          " has no national schedule for that year to apply to");
      }
      const std::vector<Date>& made_up = national.at(year)->days_worked;
      for (const auto& [d, line] : s->make_up_cancelled) {
        if (std::find(made_up.begin(), made_up.end(), d) == made_up.end()) {
          throw SourceError(s->file + ":" + std::to_string(line) + ": " + d.to_string() +
                            " is no make-up working day of the national schedule (" +
                            national.at(year)->file + "), so there is none to cancel");
        }
      }
    }
  }

  std::vector<int> years;
  for (const auto& entry : national) years.push_back(entry.first);
  // The calendar spans the years with a notice and those the statutory
  // holidays' file lists; only the first are loaded (final).
  std::set<int> spanned(years.begin(), years.end());
  for (const auto& s : statutory) spanned.insert(s.year);
  if (spanned.empty()) {
    return CalendarSet(WorkingDayCalendar(), {}, {}, version);
  }

  const int first = *spanned.begin();
  const int last = *spanned.rbegin();
  std::vector<bool> loaded(static_cast<size_t>(last - first + 1), false);
  for (int y : years) loaded[static_cast<size_t>(y - first)] = true;
  const int32_t origin = days_from_civil(first, 1, 1);
  const int32_t span = days_from_civil(last, 12, 31) - origin + 1;
  std::vector<bool> base(static_cast<size_t>(span));
  for (int32_t i = 0; i < span; ++i)
    base[static_cast<size_t>(i)] = !Date::from_days(origin + i).is_weekend();
  // A year without its notice rests the statutory days; one with it, the
  // notice's (which holds them, with its bridges and make-up days).
  for (const auto& s : statutory) {
    if (national.count(s.year) != 0) continue;
    for (Date d : s.days_off) base[static_cast<size_t>(d.days() - origin)] = false;
  }
  for (const auto& entry : national) apply(*entry.second, first, base);

  std::map<std::string, WorkingDayCalendar> provinces;
  for (const auto& [province, overlay_years] : overlays) {
    std::vector<bool> flags = base;
    for (const auto& entry : overlay_years) apply(*entry.second, first, flags);
    provinces.emplace(province, WorkingDayCalendar(first, std::move(flags), loaded));
  }
  std::vector<HolidaySchedule> stated;
  for (const auto& s : schedules) stated.push_back(s.stated);
  for (const auto& s : statutory) {
    if (national.count(s.year) == 0) stated.push_back(s.stated);
  }
  return CalendarSet(WorkingDayCalendar(first, std::move(base), loaded), std::move(provinces),
                     std::move(years), version, std::move(stated));
}

}  // namespace

Result<CalendarSet> load_calendars(const std::vector<CalendarSource>& sources) {
  const std::string first = sources.empty() ? std::string("calendars") : sources.front().file;
  return read_source<CalendarSet>(first, [&] { return build(sources); });
}

Result<CalendarSet> load_calendars(const std::string& dir) {
  auto files = yaml_files_under(dir);
  if (!files) return files.error();
  std::vector<CalendarSource> sources;
  for (const auto& file : *files) {
    auto text = read_text_file(file);
    if (!text) return text.error();
    sources.push_back({file, std::move(*text)});
  }
  return load_calendars(sources);
}

}  // namespace xueji
