#include "adapters/http/graduation_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/http/run_views.h"
#include "engine/account/jurisdiction.h"

namespace xueji::http {

using nlohmann::json;

Response run_graduation(Services& s, const Request& r, Context& ctx) {
  auto body = parse_object(r);
  if (!body) return from_error(body.error());
  auto school = string_field(*body, "school");
  if (!school) return from_error(school.error());
  auto year_field = whole_number_field(*body, "year", "a whole number");
  if (!year_field) return from_error(year_field.error());
  const long long year = *year_field;
  int grade = 0;
  if (body->contains("grade")) {
    auto asked = whole_number_field(*body, "grade", "6, 9 or 12");
    if (!asked) return from_error(asked.error());
    if (*asked < 1 || *asked > 12) {
      return problem(422, "invalid_field", "field 'grade' must be 6, 9 or 12");
    }
    grade = static_cast<int>(*asked);
  }
  std::vector<std::string> except;
  if (body->contains("except")) {
    const json& listed = (*body)["except"];
    if (!listed.is_array()) {
      return problem(400, "malformed_json", "field 'except' must be an array of numbers");
    }
    for (const auto& number : listed) {
      if (!number.is_string()) {
        return problem(400, "malformed_json", "field 'except' must hold registration numbers");
      }
      except.push_back(number.get<std::string>());
    }
  }
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  const Org* org = orgs.find(*school);
  if (org == nullptr || org->level != OrgLevel::school) {
    return problem(404, "unknown_org", "unknown school '" + *school + "'");
  }
  ctx.target = "org:" + *school;
  // Art. 19: the school graduates its students; its superiors may act for it.
  if (Status may = may_register_at(*ctx.account, *school, orgs); !may) {
    return from_error(may.error());
  }
  if (year < 2000 || year > 2100) {
    return problem(422, "invalid_field", "year " + std::to_string(year) + " is out of range");
  }
  const Instant now = s.engine.data()->clock->now();
  auto run = graduation_run(orgs, *school, static_cast<int>(year), grade, except, now);
  if (!run) return from_error(run.error());
  ctx.target = "graduation:" + run->id;
  // The same school and year is the same run: a finished one changes
  // nothing more, an interrupted one resumes where it stopped.
  auto done = s.stores.runs.run_to_end(*run);
  if (!done) return from_error(done.error());
  auto left = s.stores.runs.live_in_grade(*school, run->grades.front());
  if (!left) return from_error(left.error());
  json out = run_json(done->after);
  out["grade"] = run->grades.front();
  out["not_graduated"] = *left;
  return json_response(done->before ? 200 : 201, out);
}

Response get_graduation(Services& s, const Request&, Context& ctx) {
  auto run = readable_run(s, ctx.args[0], "graduation", ctx);
  if (!run) return from_error(run.error());
  return json_response(200, run_json(*run));
}

}  // namespace xueji::http
