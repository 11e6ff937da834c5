#include "adapters/http/statistics_routes.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "adapters/http/json_body.h"
#include "adapters/http/page_cursor.h"
#include "adapters/http/problem.h"
#include "adapters/store/statistics_reads.h"
#include "engine/account/jurisdiction.h"
#include "engine/case/step_statistics.h"

namespace xueji::http {
namespace {

using nlohmann::json;

struct StatisticsQuery {
  std::string from, to, kind;
  bool csv = false;
};

bool is_month(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int month = std::stoi(text.substr(5));
  return month >= 1 && month <= 12;
}

// "YYYY-MM" `months` months before `month`.
std::string months_before(const std::string& month, int months) {
  int index = std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5)) - 1 - months;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", index / 12, index % 12 + 1);
  return out;
}

Result<StatisticsQuery> read_query(const Services& s, const Request& request) {
  StatisticsQuery q;
  const std::string now = month_of(s.engine.data()->clock->now().beijing_date());
  for (const char* name : {"from", "to"}) {
    auto value = query_parameter(request.target, name);
    if (!value) return value.error();
    if (*value && !is_month(**value)) {
      return make_error("invalid_query", std::string("query parameter '") + name +
                                             "' must be a month, YYYY-MM, not '" + **value + "'");
    }
    if (*value) (std::string(name) == "from" ? q.from : q.to) = **value;
  }
  if (q.to.empty()) q.to = q.from.empty() ? now : std::max(now, q.from);
  if (q.from.empty()) q.from = months_before(q.to, 11);
  if (q.from > q.to) {
    return make_error("invalid_query",
                      "query parameter 'from' (" + q.from + ") is after 'to' (" + q.to + ")");
  }
  auto kind = query_parameter(request.target, "kind");
  if (!kind) return kind.error();
  if (*kind) {
    const auto kinds = s.engine.data()->rules.kinds();
    if (std::find(kinds.begin(), kinds.end(), **kind) == kinds.end()) {
      return make_error("invalid_query",
                        "query parameter 'kind' must be a case kind, not '" + **kind + "'");
    }
    q.kind = **kind;
  }
  auto format = query_parameter(request.target, "format");
  if (!format) return format.error();
  if (*format && **format != "csv" && **format != "json") {
    return make_error("invalid_query",
                      "query parameter 'format' must be csv or json, not '" + **format + "'");
  }
  if (*format) {
    q.csv = **format == "csv";
  } else {
    auto accept = request.headers.find("accept");
    q.csv = accept != request.headers.end() && accept->second.find("text/csv") != std::string::npos;
  }
  return q;
}

// The median of the working days taken, from their histogram: the mean of
// the two middle values for an even count. None when nothing was decided.
std::optional<double> median_days(const store::MonthFigures& m) {
  int64_t total = 0;
  for (const auto& [days, n] : m.decided_in_days) total += n;
  if (total == 0) return std::nullopt;
  auto value_at = [&m](int64_t rank) {  // 0-based
    int64_t seen = 0;
    for (const auto& [days, n] : m.decided_in_days) {
      seen += n;
      if (rank < seen) return days;
    }
    return kLongDecision;
  };
  return (value_at((total - 1) / 2) + value_at(total / 2)) / 2.0;
}

json figures_json(const std::string& org, const StatisticsQuery& q,
                  const store::SubtreeFigures& figures) {
  json months = json::array();
  for (const auto& m : figures.months) {
    const auto median = median_days(m);
    months.push_back(
        json{{"month", m.month},
             {"kind", m.kind},
             {"decided", m.decided},
             {"decided_on_time", m.decided_on_time},
             {"on_time_rate", m.decided == 0 ? json(nullptr)
                                             : json(static_cast<double>(m.decided_on_time) /
                                                    static_cast<double>(m.decided))},
             {"median_working_days", median ? json(*median) : json(nullptr)},
             // The median is counted exactly up to 60 working days; past that
             // it is only known to be longer.
             {"median_over_60", median && *median > kMaxCountedWorkingDays},
             {"escalations_received", m.escalations_received}});
  }
  json open = json::array();
  for (const auto& o : figures.open_steps) {
    if (o.open == 0 && o.overdue == 0) continue;
    open.push_back(json{{"level", o.level},
                        {"kind", o.kind},
                        {"open_steps", o.open},
                        {"overdue_steps", o.overdue}});
  }
  return json{{"org", org},
              {"from", q.from},
              {"to", q.to},
              {"kind", q.kind.empty() ? json(nullptr) : json(q.kind)},
              {"months", std::move(months)},
              {"open_steps", std::move(open)}};
}

std::string csv_number(const json& value) {
  if (value.is_null()) return "";
  if (value.is_number_float()) {
    char out[32];
    std::snprintf(out, sizeof out, "%.4f", value.get<double>());
    return out;
  }
  return value.dump();
}

// The same figures as one table: a row per month and kind ("month"), then
// a row per level and kind ("open_steps"), the columns that do not apply
// left empty.
std::string figures_csv(const json& body) {
  std::string out =
      "row,month,kind,level,decided,decided_on_time,on_time_rate,median_working_days,"
      "escalations_received,open_steps,overdue_steps\r\n";
  for (const auto& m : body["months"]) {
    out += "month," + m["month"].get<std::string>() + "," + m["kind"].get<std::string>() + ",," +
           csv_number(m["decided"]) + "," + csv_number(m["decided_on_time"]) + "," +
           csv_number(m["on_time_rate"]) + "," + csv_number(m["median_working_days"]) + "," +
           csv_number(m["escalations_received"]) + ",,\r\n";
  }
  for (const auto& o : body["open_steps"]) {
    out += "open_steps,," + o["kind"].get<std::string>() + "," + o["level"].get<std::string>() +
           ",,,,,," + csv_number(o["open_steps"]) + "," + csv_number(o["overdue_steps"]) + "\r\n";
  }
  return out;
}

}  // namespace

Response org_statistics(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  const auto domain = s.engine.data();
  const OrgTree& orgs = domain->orgs;
  if (orgs.find(org) == nullptr) {
    return problem(404, "unknown_org", "unknown organisation '" + org + "'");
  }
  if (Status may = may_read_org(*ctx.account, org, orgs); !may) return from_error(may.error());
  auto query = read_query(s, request);
  if (!query) return from_error(query.error());
  auto figures = s.stores.statistics.subtree(org, query->from, query->to, query->kind);
  if (!figures) return from_error(figures.error());
  const json body = figures_json(org, *query, *figures);
  if (!query->csv) return json_response(200, body);
  Response out;
  out.content_type = "text/csv; charset=utf-8";
  out.body = figures_csv(body);
  out.headers["Content-Disposition"] =
      "attachment; filename=\"statistics-" + org + "-" + query->from + "-" + query->to + ".csv\"";
  return out;
}

}  // namespace xueji::http
