#pragma once
// What the family may see of a case (Art. 15), read two ways: by an account
// that may read the case (GET /v1/cases/{id}/progress, case_routes.h), and
// by the case's progress code without any account (GET /v1/progress/{code},
// progress_code.h). Both answer the same body and nothing more.

#include <nlohmann/json.hpp>

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// The progress of a stored case: its id, kind and status, the student's masked
// name, who holds it now and until when, and its history.
Result<nlohmann::json> progress_view(Services& services, const store::StoredCase& stored);

// GET /v1/progress/{code}: open. An unknown code and a malformed one are the
// same 404, so the answer tells a guesser nothing; the audit entry names the
// case a code opened, never the code.
Response progress_by_code(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
