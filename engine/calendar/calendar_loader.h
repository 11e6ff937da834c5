#pragma once
// Loads the working-day calendars from operator-editable YAML files: one file
// per national year (config/calendars/national/2025.yaml) and one per
// province overlay year (config/calendars/provinces/450000/2025.yaml). See
// docs/calendars.md for the format.
//
// All or nothing: any malformed file (a bad date, a day both off and worked,
// an unknown province, a year given twice, an overlay without its national
// year) refuses the whole load with "file:line: reason".

#include <string>
#include <vector>

#include "engine/calendar/calendar_set.h"
#include "engine/core/result.h"

namespace xueji {

// One file's text and the name to report errors against.
struct CalendarSource {
  std::string file;
  std::string text;
};

Result<CalendarSet> load_calendars(const std::string& dir);
Result<CalendarSet> load_calendars(const std::vector<CalendarSource>& sources);

}  // namespace xueji
