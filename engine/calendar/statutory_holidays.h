#pragma once
// The statutory holidays of 全国年节及纪念日放假办法 (as amended from 1 January
// 2025), Art. 2, for the years a data file lists (config/calendars/
// statutory.yaml): what every year rests whatever its notice says. A year
// whose notice (国务院办公厅关于某年部分节假日安排的通知) is not loaded rests
// these days on its provisional calendar, so that only its bridges and
// make-up working days stay unknown; a year with a notice is ruled by the
// notice alone.
//
// The file gives each year's four days that move (除夕, 清明, 端午, 中秋);
// the rest is fixed: 元旦 1 January; 春节 除夕 and 正月初一 to 初三 (the
// three days after 除夕); 劳动节 1 and 2 May; 国庆节 1 to 3 October.

#include <vector>

#include "engine/calendar/date.h"
#include "engine/calendar/holiday_schedule.h"
#include "engine/core/yaml_source.h"

namespace xueji {

struct StatutoryYear {
  int year = 0;
  std::vector<Date> days_off;  // in order, without repeats
  HolidaySchedule stated;      // the same days by name, for people reading the year
};

// Whether `yaml` is the statutory holidays' file (`scope: statutory`).
bool is_statutory_file(const YamlSource& yaml);

// The years of the file, each with its days off. A day outside its year or
// its season (除夕 20 January to 19 February, 清明 4 to 6 April, 端午 28 May
// to 25 June, 中秋 7 September to 8 October), a year given twice or an
// unknown key fails with the file's line (YamlSource::fail).
std::vector<StatutoryYear> read_statutory_holidays(const YamlSource& yaml);

}  // namespace xueji
