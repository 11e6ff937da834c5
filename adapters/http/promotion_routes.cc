#include "adapters/http/promotion_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/http/run_views.h"
#include "engine/account/jurisdiction.h"
#include "engine/student/promotion_calendar.h"
#include "engine/student/promotion_correction.h"

namespace xueji::http {

using nlohmann::json;

Response run_promotion(Services& s, const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto scope = string_field(*body, "scope");
  if (!scope) return from_error(scope.error());
  auto year_field = whole_number_field(*body, "year", "a whole number");
  if (!year_field) return from_error(year_field.error());
  const long long year = *year_field;
  auto at_text = string_field(*body, "at", false);
  if (!at_text) return from_error(at_text.error());
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  const Org* org = orgs.find(*scope);
  if (org == nullptr) return problem(404, "unknown_org", "unknown organisation '" + *scope + "'");
  ctx.target = "org:" + *scope;
  const Org* own = orgs.find(ctx.account->org);
  if (own == nullptr || own->level == OrgLevel::school) {
    return problem(403, "role_forbidden",
                   "account '" + ctx.account->name + "' of school " + ctx.account->org +
                       " may not run a promotion: a county or an org above it runs it (Art. 7)");
  }
  if (Status may = may_read_org(*ctx.account, *scope, orgs); !may) return from_error(may.error());
  if (org->level == OrgLevel::school) {
    return problem(422, "invalid_field",
                   "scope " + *scope + " is a school: a promotion runs over a county or above");
  }
  if (year < 2000 || year > 2100) {
    return problem(422, "invalid_field", "year " + std::to_string(year) + " is out of range");
  }
  // Art. 7: the run's day defaults to the promotion date of the province
  // the scope lies in (its school-year file), else 1 September; the
  // ministry-wide scope takes the national default.
  Date day;
  if (at_text->empty()) {
    day = domain->rules.promotion_date(promotion_province(orgs, *scope))
              .in_year(static_cast<int>(year));
  } else {
    auto parsed = Date::parse(*at_text);
    if (!parsed) return problem(422, "invalid_field", "field 'at': " + parsed.error().message);
    day = *parsed;
  }
  auto run = promotion_run(orgs, *scope, static_cast<int>(year), start_of_beijing_day(day));
  if (!run) return from_error(run.error());
  ctx.target = "promotion:" + run->id;
  // The same scope and year is the same run: a finished one changes
  // nothing more, an interrupted one resumes where it stopped.
  auto done = s.stores.runs.run_to_end(*run);
  if (!done) return from_error(done.error());
  return json_response(done->before ? 200 : 201, run_json(done->after));
}

Response get_promotion(Services& s, const Request&, Context& ctx) {
  auto run = readable_run(s, ctx.args[0], "promotion", ctx);
  if (!run) return from_error(run.error());
  return json_response(200, run_json(*run));
}

Response correct_promotion(Services& s, const Request& r, Context& ctx) {
  auto stored = readable_run(s, ctx.args[0], "promotion", ctx);
  if (!stored) return from_error(stored.error());
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto number = string_field(*body, "registration_number");
  if (!number) return from_error(number.error());
  auto reason = string_field(*body, "reason");
  if (!reason) return from_error(reason.error());
  if (reason->empty()) return problem(422, "invalid_field", "field 'reason' is empty");
  auto asked = whole_number_field(*body, "grade", "a whole number 1-12");
  if (!asked) return from_error(asked.error());
  if (*asked < 1 || *asked > 12) {
    return problem(422, "invalid_grade", "grade " + std::to_string(*asked) + " is not 1-12");
  }
  const int grade = static_cast<int>(*asked);
  auto record = s.stores.runs.load_record(*number);
  if (!record) return from_error(record.error());
  if (!*record) return problem(404, "unknown_student", "no student '" + *number + "'");
  const Student& student = (*record)->student;
  ctx.target = "student:" + student.registration_number;
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  // A record's change is a registrar's, of its school or a superior.
  if (Status may = may_register_at(*ctx.account, student.school, orgs); !may) {
    return from_error(may.error());
  }
  if (!stored->finished_at) {
    return problem(409, "run_in_progress",
                   "promotion " + stored->id + " has not finished: run it to its end first");
  }
  auto run = promotion_run(orgs, stored->scope, run_year(stored->id), stored->at);
  if (!run) return from_error(run.error());
  const Instant now = s.engine.data()->clock->now();
  if (Status fits = check_grade_correction(*run, orgs, student, grade, now.beijing_date()); !fits) {
    return from_error(fits.error());
  }
  const std::string source = "correction:" + run->id;
  auto done = s.stores.runs.corrected(student.registration_number, source);
  if (!done) return from_error(done.error());
  if (*done) {
    return problem(409, "already_corrected",
                   "registration " + student.registration_number + " was already corrected after " +
                       run->id + "; open a grade_change case (Art. 7)");
  }
  GradeCorrection correction{
      student.registration_number, (*record)->version, student.grade, grade, source, now};
  // The record, its history row and the audit entry (with the school's
  // reason) in one transaction.
  Transition t;
  t.records.grade_corrections.push_back(correction);
  AuditEntry entry = ctx.entry();
  entry.detail = "grade " + std::to_string(student.grade) + " -> " + std::to_string(grade) +
                 " after " + run->id + ": " + *reason;
  t.audit.push_back(std::move(entry));
  Status stored_write = s.engine.commit(std::move(t));
  if (!stored_write) {
    if (stored_write.error().code == "student_changed") {
      return problem(409, "student_changed",
                     "registration " + student.registration_number +
                         " changed while its correction was decided: read it again");
    }
    return from_error(stored_write.error());
  }
  ctx.recorded = true;
  Student corrected = student;
  corrected.grade = grade;
  return json_response(200, json{{"registration_number", corrected.registration_number},
                                 {"school", corrected.school},
                                 {"grade", corrected.grade},
                                 {"previous_grade", student.grade},
                                 {"status", std::string(to_string(corrected.status))},
                                 {"version", (*record)->version + 1},
                                 {"source", source},
                                 {"reason", *reason}});
}

}  // namespace xueji::http
