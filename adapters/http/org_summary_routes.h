#pragma once
// GET /v1/orgs/{code}: an org's name, level and superior, for any signed-in
// account. Names are public knowledge (every school's name is on its gate);
// the console shows them instead of codes, as registrars know them.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// {code, name, level, parent, parent_name, type?}; 404 unknown_org.
Response org_summary(Services& s, const Request& r, Context& ctx);

}  // namespace xueji::http
