#include "adapters/http/student_batch_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/archive_steps.h"
#include "adapters/http/intake.h"
#include "adapters/http/json_body.h"
#include "adapters/http/page_cursor.h"
#include "adapters/http/problem.h"
#include "adapters/http/problem_language.h"
#include "adapters/http/student_routes.h"
#include "engine/core/sha256.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// A refused row's problem, as the single POST answers it: the same body,
// in the caller's language.
json row_problem(Services& s, const Request& r, const Error& e) {
  Response alone = from_error(e);
  localise_problem(alone, r, [&s](const std::string& code) {
    const Org* org = s.engine.data()->orgs.find(code);
    return org == nullptr ? std::string() : org->name;
  });
  return json::parse(alone.body, nullptr, false);
}

json row_answer(Services& s, const Request& r, const IntakeOutcome& out) {
  json row{{"row", out.row}};
  if (out.problem) {
    json problem = row_problem(s, r, *out.problem);
    row["outcome"] = "refused";
    row["status"] = problem.value("status", 500);
    row["problem"] = std::move(problem);
  } else if (out.stored && out.student) {
    row["outcome"] = "registered";
    row["status"] = 201;
    row["student"] = student_json(*out.student);
  } else {
    row["outcome"] = "not_registered";  // all-or-nothing: another row was refused
    row["status"] = 424;
  }
  return row;
}

}  // namespace

Response register_students(Services& s, const Request& r, Context& ctx) {
  auto type = r.headers.find("content-type");
  const std::string declared = type == r.headers.end() ? "" : type->second;
  const auto format = intake_format(declared);
  if (!format) {
    return problem(415, "unsupported_media_type",
                   "a batch is application/x-ndjson or text/csv, " +
                       (declared.empty() ? std::string("and the request has no Content-Type")
                                         : "not '" + declared + "'"));
  }
  auto mode = query_parameter(r.target, "mode");
  if (!mode) return from_error(mode.error());
  const std::string chosen = mode->value_or("each");
  if (chosen != "each" && chosen != "all_or_nothing") {
    return problem(400, "invalid_query",
                   "query parameter 'mode' must be each or all_or_nothing, not '" + chosen + "'");
  }
  auto rows = parse_intake(r.body, *format);
  if (!rows) return from_error(rows.error());
  if (rows->size() > kMaxBatchRows) {
    return problem(413, "body_too_large",
                   "a batch is limited to " + std::to_string(kMaxBatchRows) + " rows, not " +
                       std::to_string(rows->size()));
  }
  if (rows->empty()) return problem(422, "invalid_field", "the batch holds no rows");
  ctx.target = "batch:" + sha256_hex(r.body).substr(0, 16);
  IntakeOptions options;
  options.registrar = &*ctx.account;
  options.at = ctx.at;
  options.all_or_nothing = chosen == "all_or_nothing";
  options.row_entry = [&ctx](const Student& student, int) {
    Context row = ctx;
    row.action = "student.register";
    row.target = "student:" + student.registration_number;
    return row.entry();
  };
  // One lane: a batch is at most kMaxBatchRows, one chunk (the import's
  // chunks go two at a time).
  options.commit = [&s](Transition t, size_t) { return s.engine.commit(std::move(t)); };
  auto summary = register_intake(*rows, s.engine.data()->orgs, s.stores.reads, options);
  if (!summary) return from_error(summary.error());
  // The batch's own entry: who sent how many rows, and which were refused.
  AuditEntry batch = ctx.entry(summary->refused == 0  ? "ok"
                               : summary->none_stored ? "refused"
                                                      : "rows_refused");
  batch.detail = summary->detail() + "; body sha256 " + sha256_hex(r.body);
  Transition entry;
  entry.audit.push_back(std::move(batch));
  if (Status stored = s.engine.commit(std::move(entry)); !stored) return from_error(stored.error());
  ctx.recorded = true;
  json answer{{"mode", chosen},
              {"rows_total", summary->rows.size()},
              {"registered", summary->registered},
              {"refused", summary->refused},
              {"rows", json::array()}};
  std::vector<ArchiveDuty> owed;
  for (const auto& out : summary->rows) {
    answer["rows"].push_back(row_answer(s, r, out));
    if (out.stored && out.duty) owed.push_back(*out.duty);
  }
  // Art. 6: two months to build a new record's archive; Art. 7: one to
  // update a returning person's. As after a single registration.
  follow_with_archive_steps(s, owed, ctx);
  return json_response(200, answer);
}

}  // namespace xueji::http
