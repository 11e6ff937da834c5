#pragma once
// GET /v1/calendars/{year}?province=CODE: the days of a year that are not
// ordinary on the national or a province's working-day calendar (holidays,
// make-up working days, the overlay's own days), named as the calendar
// files name them, and whether the year is provisional. The console draws
// each step's deadline on these (console/calendar.js); any account may read
// them, as they are public schedules.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// A year that is not four digits is 400 invalid_year; a year outside the
// loaded ones and the one after them (whose schedule is not published yet:
// provisional, weekdays only) is 404 unknown_year; a province code no
// calendar knows is 404 unknown_province.
Response calendar_year(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
