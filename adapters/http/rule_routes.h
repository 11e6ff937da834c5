#pragma once
// POST /v1/rules/reload: a ministry's or a province's administrator puts the
// rule and calendar files now on the server's disk in force, as SIGHUP does
// (actors/domain_reload.h): all or nothing, open cases keep their plans.
// 200 with the versions before and after; 422 reload_refused naming the
// file and line, with the set in force unchanged; 404 on a server started
// without rule files (a test's).

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

Response reload_rules(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
