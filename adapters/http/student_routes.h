#pragma once
// The student routes: registering a child at a school, reading a record.

#include <memory>

#include <nlohmann/json.hpp>

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/route_table.h"
#include "adapters/http/services.h"

namespace xueji::http {

// A registration as POST /v1/students answers it (201's body).
nlohmann::json student_json(const Student& student);

// POST /v1/students: a registrar of the school registers a child by
// resident ID; one live registration per child (409 for a second). With
// `identity_verified: false` the number is a temporary L number, without an
// ID (and with birth_date and gender) a J number (Art. 8-10); their serials
// are unique across the store and never reused. Answers later: no handler
// thread waits for the commit (issue 17).
void register_student(Services& services, const Request& request, std::shared_ptr<Context> ctx,
                      Answer answer);

// GET /v1/students/{registration_number}: the record (school, grade, stage,
// status), its open cases and every case that changed or tried to change
// it. The student's school and its superiors read the full name; a party
// of one of the student's open cases reads it masked (Art. 15, 24); anyone
// else gets 403. Audited, as every request is. By a retired L number: the
// record of the G number it became, noted as such (Art. 8).
Response get_student(Services& services, const Request& request, Context& ctx);

// The record `student` as `ctx`'s account may read it (get_student's
// contract), with the cases of every number it had, or the refusal; read
// by `asked_as`, a retired L number, the answer says so.
Response readable_record(Services& services, const Student& student, Context& ctx,
                         const std::string& asked_as = "");

// GET /v1/students/by-resident-id/{id}: the same, found by resident ID (the
// live registration, else the closed record of its G number).
Response find_student_by_resident_id(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
