#pragma once
// The student routes: registering a child at a school, reading a record.

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// POST /v1/students: a registrar of the school registers a child by
// resident ID; one live registration per child (409 for a second).
Response register_student(Services& services, const Request& request, Context& ctx);

// GET /v1/students/{registration_number}: the record (school, grade, stage,
// status), its open cases and every case that changed or tried to change
// it. The student's school and its superiors read the full name; a party
// of one of the student's open cases reads it masked (Art. 15, 24); anyone
// else gets 403. Audited, as every request is.
Response get_student(Services& services, const Request& request, Context& ctx);

// GET /v1/students/by-resident-id/{id}: the same, found by resident ID (the
// live registration, else the closed record of its G number).
Response find_student_by_resident_id(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
