#pragma once
// Registration numbers over HTTP (Art. 8-10): the serials of temporary L
// numbers and of J numbers, drawn from the store, and the verification that
// replaces an L number by its G number.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"
#include "engine/student/student_registry.h"

namespace xueji::http {

// How often a registration takes the next serial after another took its
// own meanwhile, before it gives up (a bounded race, not a loop).
constexpr int kSerialAttempts = 8;

// The numbers an L or J number's serial ranges over:
//   L + 6-digit division + 8-digit birth date + serial 0000-9999, per
//     division and birth date (twins get consecutive serials);
//   J + an 18-digit serial from 1, one sequence for the whole store.
struct SerialRange {
  std::string prefix;  // what precedes the serial
  int width = 0;       // the serial's digits
  int64_t first = 0;
  int64_t next = 0;  // the serial to try
  std::string lowest, highest;

  // The serial after `last` (a number of this range), or `first` for "".
  int64_t after(const std::string& last) const;
  // The number of serial `next`; "rule_refused" when the range is used up.
  Result<std::string> number() const;
};

// The range of `number`'s kind and prefix; none for a G number (its digits
// are the resident ID's, not a serial).
std::optional<SerialRange> serial_range(const std::string& number);

// The identity part of POST /v1/students' body: `identity_verified` (a
// boolean, default true; false gives an L number), and `birth_date`
// (YYYY-MM-DD) and `gender` (male, female), required `without_id` (a J
// number, Art. 10) and checked against the ID otherwise. Errors:
// "missing_field" or "invalid_field" naming the field.
Result<NewStudent> identity_fields(const nlohmann::json& body, bool without_id);

// POST /v1/students/{L number}/verify: the resident ID of an L-numbered
// record was verified nationally (the call is the notice; the body may
// carry `verified_at`). The record moves to G + ID and the L number is
// retired in one transaction; cases opened under the L number keep it as
// their subject and reach the record through it. By a registrar of the
// student's school or of its superiors (403 otherwise). 422 for a number
// that is not an L number (Art. 8), 404 for an unknown one, 409 when the G
// number is taken (naming its school) or the L number already verified.
// 200 with the record under its new number, as GET /v1/students reads it.
Response verify_identity(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
