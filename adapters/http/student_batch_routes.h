#pragma once
// The September intake over HTTP: a term's entrants registered in one
// request (intake.h does the work; `xueji import` is the same offline).

#include "adapters/http/context.h"
#include "adapters/http/http_server.h"
#include "adapters/http/services.h"

namespace xueji::http {

// A batch holds at most this many rows (413 beyond): a county's intake
// goes in a few requests, each answered within the server's time limits.
constexpr size_t kMaxBatchRows = 10'000;

// POST /v1/students/batch[?mode=all_or_nothing]: Content-Type
// application/x-ndjson (one POST /v1/students body a line) or text/csv (a
// header row naming the same fields). Each row is checked as that single
// registration would be, against the store and the rows above it; the
// good ones are registered in large transactions, each with the entry and
// the archive step (Art. 6, 7) a single registration records, and the
// batch gets one entry more with its counts. With mode=all_or_nothing one
// refused row registers none. 200 with `rows`: per row `outcome`
// (registered, refused, not_registered), `status` (201, the refusal's
// status as the single POST answers it, 424 for a good row not registered)
// and `student` or `problem` (the single POST's own problem body). 415 for
// another Content-Type, 413 beyond kMaxBatchRows rows (or 8 MiB).
Response register_students(Services& services, const Request& request, Context& ctx);

}  // namespace xueji::http
