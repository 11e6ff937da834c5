#pragma once
// The student routes: registering a child at a school.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/students: a registrar of the school registers a child by
// resident ID; one live registration per child (409 for a second).
Response register_student(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
