// The supervisor's view (Art. 25, 26; issue 19): GET /v1/orgs/{code}/
// statistics. A seeded random workload of transfers (decided on time and
// late, rejected, withdrawn, left to pass their deadlines and climb) runs
// on the virtual clock; then every figure the view gives, for orgs at every
// level, is checked against a recount from the stored case events and the
// cases' rows, made here without the code that keeps the figures.

#include <soci/soci.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "engine/case/event_codec.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

const std::vector<std::string> kSchools = {"4501020001", "4501020002", "4501030001", "4501030002"};

// One decided step or one escalation, as the events tell it.
struct DecidedStep {
  std::string org, month, kind;
  bool on_time = false;
  int working_days = 0;
};
struct Escalation {
  std::string to_org, month, kind;
};

// The figures of one month and kind, or one level and kind, as the view
// should give them.
struct Expected {
  int64_t decided = 0, on_time = 0, escalations = 0;
  std::vector<int> days;
  int64_t open = 0, overdue = 0;
};

// A count as either backend types it (SQLite's COUNT(*) is an int).
int64_t number(const soci::row& row, size_t i) {
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(i);
    case soci::dt_long_long:
      return row.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<int64_t>(row.get<double>(i));
    default:
      return std::stoll(row.get<std::string>(i));
  }
}

class Statistics : public ApiFixture {
 protected:
  std::shared_ptr<const Domain> domain() {
    auto data = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock_);
    EXPECT_TRUE(data.ok());
    return *data;
  }

  // Working days in (from, to], counted a day at a time.
  static int working_days(const WorkingDayCalendar& calendar, Date from, Date to) {
    int n = 0;
    for (Date d = from.plus_days(1); d <= to; d = d.plus_days(1)) n += calendar.is_working_day(d);
    return n;
  }

  // Every decided step and escalation in the store, from the events.
  void recount_events(const Domain& data, std::vector<DecidedStep>& decided,
                      std::vector<Escalation>& escalations) {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    soci::session& sql = (*store)->journal().connection().sql();
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT c.kind, e.case_id, e.body FROM case_events e JOIN cases c "
                        "ON c.id = e.case_id ORDER BY e.case_id, e.seq");
    std::string current;
    std::map<std::string, CaseEvent> activated;  // step -> its activation
    for (const auto& row : rows) {
      const std::string kind = row.get<std::string>(0), id = row.get<std::string>(1);
      if (id != current) activated.clear();
      current = id;
      auto e = event_from_json(json::parse(row.get<std::string>(2)));
      ASSERT_TRUE(e.ok());
      const std::string month = e->at.beijing_date().to_string().substr(0, 7);
      if (e->type == CaseEventType::step_activated) activated[e->step] = *e;
      if (e->type == CaseEventType::escalated) escalations.push_back({e->to_org, month, kind});
      if (e->type != CaseEventType::decided) continue;
      ASSERT_EQ(activated.count(e->step), 1u) << id << " " << e->step;
      const CaseEvent& a = activated[e->step];
      const std::string province = data.orgs.province_of(a.org);
      const WorkingDayCalendar* calendar = &data.calendars.national();
      if (auto own = data.calendars.for_province(province)) calendar = *own;
      decided.push_back(
          {a.org, month, kind, e->at.beijing_date() <= *a.due,
           std::min(61, working_days(*calendar, a.at.beijing_date(), e->at.beijing_date()))});
    }
  }

  // The open steps: (level, kind) -> open and overdue, COUNT(*) over the
  // cases' rows, overdue as the org's overdue list has it (due before
  // today).
  std::map<std::pair<std::string, std::string>, Expected> recount_open(const Domain& data,
                                                                       const std::string& scope) {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    soci::session& sql = (*store)->journal().connection().sql();
    const std::string today = clock_->now().beijing_date().to_string();
    std::map<std::pair<std::string, std::string>, Expected> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT active_org, kind, COUNT(*), SUM(CASE WHEN active_due < '" << today
                     << "' THEN 1 ELSE 0 END) FROM cases WHERE status = 'open' AND active_step "
                        "IS NOT NULL GROUP BY active_org, kind");
    for (const auto& row : rows) {
      const std::string org = row.get<std::string>(0);
      if (!data.orgs.contains(scope, org)) continue;
      auto& e = out[{std::string(to_string(data.orgs.find(org)->level)), row.get<std::string>(1)}];
      e.open += number(row, 2);
      e.overdue += number(row, 3);
    }
    return out;
  }

  json statistics(const std::string& scope, const std::string& query) {
    auto r = call("GET", "/v1/orgs/" + scope + "/statistics" + query, json(), reg(scope));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  // The view's answer through the API's handler, with its headers.
  http::Response raw(const std::string& scope, const std::string& target,
                     std::map<std::string, std::string> headers = {}) {
    if (tokens_.count(reg(scope)) == 0) {
      tokens_[reg(scope)] = sign_in(reg(scope)).json().value("token", "");
    }
    headers["authorization"] = "Bearer " + tokens_[reg(scope)];
    return api_->handle(http::Request{"GET", target, headers, "", "", ""});
  }

  // A seeded workload: students at four schools in two counties, each
  // transferred to another; the clock moves a few days at a time while the
  // holders decide some steps (mostly approve), withdraw some cases and
  // leave the rest to pass their deadlines.
  void run_workload(unsigned seed, int students, int rounds) {
    std::mt19937 random(seed);
    std::vector<std::string> open;
    for (int i = 0; i < students; ++i) {
      const std::string school = kSchools[random() % kSchools.size()];
      char seq[12];  // room for any int: GCC checks snprintf against the type
      std::snprintf(seq, sizeof seq, "%03d", i);
      auto r = call("POST", "/v1/students",
                    {{"id", make_resident_id(school.substr(0, 6), "20130915", seq)},
                     {"name", "学生" + std::to_string(i)},
                     {"school", school},
                     {"grade", 5}},
                    reg(school));
      ASSERT_EQ(r.status, 201) << r.body;
      std::string to = school;
      while (to == school) to = kSchools[random() % kSchools.size()];
      auto c = call("POST", "/v1/cases",
                    {{"kind", "transfer"},
                     {"student", r.json().value("registration_number", "")},
                     {"to_school", to}},
                    reg(to));
      ASSERT_EQ(c.status, 201) << c.body;
      open.push_back(c.json().value("id", ""));
    }
    Instant now = clock_->now();
    for (int round = 0; round < rounds; ++round) {
      now = now.plus_seconds(static_cast<int64_t>(1 + random() % 8) * 86400);
      auto moved = call("POST", "/v1/clock/advance", {{"to", now.to_string()}}, admin("000000"));
      ASSERT_EQ(moved.status, 200) << moved.body;
      std::vector<std::string> still_open;
      for (const auto& id : open) {
        auto c = call("GET", "/v1/cases/" + id, json(), admin("000000"));
        ASSERT_EQ(c.status, 200) << c.body;
        const json kase = c.json();
        if (kase.value("status", "") != "open") continue;
        still_open.push_back(id);
        const unsigned roll = random() % 100;
        if (roll < 5) {
          auto w = call("POST", "/v1/cases/" + id + "/withdraw", json::object(),
                        reg(kase.value("opened_by", "")));
          EXPECT_EQ(w.status, 200) << w.body;
          continue;
        }
        if (roll >= 45) continue;  // left for now: its deadline may pass
        for (const auto& step : kase["steps"]) {
          if (step.value("status", "") != "active") continue;
          auto d = call(
              "POST", "/v1/cases/" + id + "/decisions",
              {{"step", step.value("step", "")}, {"decision", roll < 41 ? "approve" : "reject"}},
              reg(step.value("holder", "")));
          EXPECT_EQ(d.status, 200) << d.body;
        }
      }
      open = std::move(still_open);
    }
  }

  // Checks the view of `scope` for `query` against the recount.
  void expect_figures(const Domain& data, const std::string& scope, const std::string& from,
                      const std::string& to, const std::string& kind,
                      const std::vector<DecidedStep>& decided,
                      const std::vector<Escalation>& escalations) {
    SCOPED_TRACE(scope + " " + from + ".." + to + " " + kind);
    std::map<std::pair<std::string, std::string>, Expected> months;
    auto within = [&](const std::string& org, const std::string& month, const std::string& k) {
      return data.orgs.contains(scope, org) && month >= from && month <= to &&
             (kind.empty() || k == kind);
    };
    for (const auto& d : decided) {
      if (!within(d.org, d.month, d.kind)) continue;
      auto& e = months[{d.month, d.kind}];
      ++e.decided;
      e.on_time += d.on_time;
      e.days.push_back(d.working_days);
    }
    for (const auto& x : escalations) {
      if (within(x.to_org, x.month, x.kind)) ++months[{x.month, x.kind}].escalations;
    }
    std::string query = "?from=" + from + "&to=" + to + (kind.empty() ? "" : "&kind=" + kind);
    const json view = statistics(scope, query);
    ASSERT_EQ(view["months"].size(), months.size()) << view.dump();
    for (const json& row : view["months"]) {
      auto it = months.find({row.value("month", ""), row.value("kind", "")});
      ASSERT_NE(it, months.end()) << row.dump();
      Expected& e = it->second;
      EXPECT_EQ(row.value("decided", -1), e.decided) << row.dump();
      EXPECT_EQ(row.value("decided_on_time", -1), e.on_time) << row.dump();
      EXPECT_EQ(row.value("escalations_received", -1), e.escalations) << row.dump();
      if (e.decided == 0) {
        EXPECT_TRUE(row["on_time_rate"].is_null()) << row.dump();
        EXPECT_TRUE(row["median_working_days"].is_null()) << row.dump();
        continue;
      }
      EXPECT_DOUBLE_EQ(row.value("on_time_rate", -1.0),
                       static_cast<double>(e.on_time) / static_cast<double>(e.decided));
      std::sort(e.days.begin(), e.days.end());
      const size_t n = e.days.size();
      EXPECT_DOUBLE_EQ(row.value("median_working_days", -1.0),
                       (e.days[(n - 1) / 2] + e.days[n / 2]) / 2.0)
          << row.dump();
    }
    auto open = recount_open(data, scope);
    size_t nonzero = 0;
    for (const auto& [key, e] : open) {
      if (!kind.empty() && key.second != kind) continue;
      if (e.open != 0 || e.overdue != 0) ++nonzero;
    }
    EXPECT_EQ(view["open_steps"].size(), nonzero) << view.dump();
    for (const json& row : view["open_steps"]) {
      const Expected& e = open[{row.value("level", ""), row.value("kind", "")}];
      EXPECT_EQ(row.value("open_steps", -1), e.open) << row.dump();
      EXPECT_EQ(row.value("overdue_steps", -1), e.overdue) << row.dump();
    }
  }
};

TEST_P(Statistics, EveryFigureMatchesARecountOfTheCasesEvents) {
  run_workload(20261201, 24, 14);
  const auto data = domain();
  std::vector<DecidedStep> decided;
  std::vector<Escalation> escalations;
  recount_events(*data, decided, escalations);
  // The workload made every kind of figure, on time and late.
  int64_t late = 0;
  for (const auto& d : decided) late += !d.on_time;
  EXPECT_GT(decided.size(), 20u);
  EXPECT_GT(late, 0);
  EXPECT_GT(escalations.size(), 5u);
  for (const std::string scope :
       {"000000", "450000", "450100", "450102", "450103", "4501020001", "4501030002"}) {
    expect_figures(*data, scope, "2025-01", "2026-12", "", decided, escalations);
    expect_figures(*data, scope, "2025-10", "2025-11", "transfer", decided, escalations);
  }
  // Nothing decided or escalated in a month leaves no row.
  EXPECT_TRUE(statistics("450000", "?from=2024-01&to=2024-12")["months"].empty());
}

// The stored figures, every row of the three tables, in order.
std::vector<std::string> stored_figures(const std::string& url) {
  auto store = TestStore::open(url);
  EXPECT_TRUE(store.ok());
  soci::session& sql = (*store)->journal().connection().sql();
  std::vector<std::string> out;
  for (const char* query :
       {"SELECT scope || ' ' || month || ' ' || kind || ' ' || CAST(decided AS TEXT) || ' ' || "
        "CAST(decided_on_time AS TEXT) || ' ' || CAST(escalations_received AS TEXT) FROM "
        "statistics_monthly ORDER BY scope, month, kind",
        "SELECT scope || ' ' || month || ' ' || kind || ' ' || CAST(working_days AS TEXT) || ' ' "
        "|| CAST(decided AS TEXT) FROM statistics_decision_days WHERE decided <> 0 "
        "ORDER BY scope, month, kind, working_days",
        "SELECT scope || ' ' || level || ' ' || kind || ' ' || CAST(open_steps AS TEXT) || ' ' || "
        "CAST(overdue_steps AS TEXT) FROM statistics_open_steps WHERE open_steps <> 0 OR "
        "overdue_steps <> 0 ORDER BY scope, level, kind"}) {
    soci::rowset<std::string> rows = sql.prepare << query;
    for (const auto& row : rows) out.push_back(row);
  }
  return out;
}

// An upgraded database has no figures until the start after migration
// 0013 counts them from the events (statistics_backfill.h): they must be
// exactly those the commits kept.
TEST_P(Statistics, TheBackfillCountsWhatTheCommitsKept) {
  run_workload(99, 12, 8);
  const auto kept = stored_figures(url_);
  ASSERT_GT(kept.size(), 20u);
  stop();
  {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    soci::session& sql = (*store)->journal().connection().sql();
    sql << "DELETE FROM statistics_monthly";
    sql << "DELETE FROM statistics_decision_days";
    sql << "DELETE FROM statistics_open_steps";
    sql << "INSERT INTO statistics_backfill (pending) VALUES (1)";
  }
  start(clock_);
  EXPECT_EQ(stored_figures(url_), kept);
  // Once: a second start adds nothing.
  stop();
  start(clock_);
  EXPECT_EQ(stored_figures(url_), kept);
}

TEST_P(Statistics, TheCsvDownloadHoldsTheSameFigures) {
  run_workload(7, 10, 8);
  const json view = statistics("450100", "?from=2025-09&to=2025-12");
  ASSERT_FALSE(view["months"].empty());
  for (const auto& headers :
       std::vector<std::map<std::string, std::string>>{{}, {{"accept", "text/csv"}}}) {
    const std::string target = "/v1/orgs/450100/statistics?from=2025-09&to=2025-12" +
                               std::string(headers.empty() ? "&format=csv" : "");
    const http::Response csv = raw("450100", target, headers);
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(csv.headers.at("Content-Disposition"),
              "attachment; filename=\"statistics-450100-2025-09-2025-12.csv\"");
    std::istringstream lines(csv.body);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line,
              "row,month,kind,level,decided,decided_on_time,on_time_rate,median_working_days,"
              "escalations_received,open_steps,overdue_steps\r");
    size_t month_rows = 0, open_rows = 0;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> cells;
      std::stringstream row(line);
      for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
      if (line.back() == ',') cells.push_back("");
      ASSERT_EQ(cells.size(), 11u) << line;
      if (cells[0] == "month") {
        const json& m = view["months"][month_rows++];
        EXPECT_EQ(cells[1], m.value("month", ""));
        EXPECT_EQ(cells[2], m.value("kind", ""));
        EXPECT_EQ(cells[4], std::to_string(m.value("decided", -1)));
        EXPECT_EQ(cells[5], std::to_string(m.value("decided_on_time", -1)));
        if (m["on_time_rate"].is_null()) {
          EXPECT_EQ(cells[6], "");
        } else {
          EXPECT_NEAR(std::stod(cells[6]), m.value("on_time_rate", -1.0), 1e-4);
        }
        if (m["median_working_days"].is_null()) {
          EXPECT_EQ(cells[7], "");
        } else {
          EXPECT_DOUBLE_EQ(std::stod(cells[7]), m.value("median_working_days", -1.0));
        }
        EXPECT_EQ(cells[8], std::to_string(m.value("escalations_received", -1)));
      } else {
        ASSERT_EQ(cells[0], "open_steps") << line;
        const json& o = view["open_steps"][open_rows++];
        EXPECT_EQ(cells[2], o.value("kind", ""));
        EXPECT_EQ(cells[3], o.value("level", ""));
        EXPECT_EQ(cells[9], std::to_string(o.value("open_steps", -1)));
        EXPECT_EQ(cells[10], std::to_string(o.value("overdue_steps", -1)));
      }
    }
    EXPECT_EQ(month_rows, view["months"].size());
    EXPECT_EQ(open_rows, view["open_steps"].size());
  }
}

TEST_P(Statistics, AMalformedParameterIsRefusedNamingIt) {
  const std::string path = "/v1/orgs/450102/statistics";
  for (const auto& [query, named] :
       std::vector<std::pair<std::string, std::string>>{{"?from=2025-13", "from"},
                                                        {"?from=202510", "from"},
                                                        {"?to=last", "to"},
                                                        {"?from=2025-11&to=2025-10", "from"},
                                                        {"?kind=holiday", "kind"},
                                                        {"?format=xml", "format"},
                                                        {"?kind=transfer&kind=leave", "kind"}}) {
    auto r = call("GET", path + query, json(), reg("450102"));
    expect_problem(r, 400, "invalid_query");
    EXPECT_NE(r.json().value("detail", "").find(named), std::string::npos) << query << r.body;
  }
  EXPECT_EQ(
      call("GET", path + "?from=2025-09&to=2025-10&kind=transfer", json(), reg("450102")).status,
      200);
}

TEST_P(Statistics, AnOrgOutsideTheCallersJurisdictionIsRefused) {
  // A county reads neither its neighbour nor its city.
  expect_problem(call("GET", "/v1/orgs/450103/statistics", json(), reg("450102")), 403,
                 "out_of_jurisdiction");
  expect_problem(call("GET", "/v1/orgs/450100/statistics", json(), reg("450102")), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(call("GET", "/v1/orgs/450102/statistics", json(), reg("450100")).status, 200);
  EXPECT_EQ(call("GET", "/v1/orgs/450102/statistics", json(), "").status, 401);
  expect_problem(call("GET", "/v1/orgs/999999/statistics", json(), reg("450000")), 404,
                 "unknown_org");
}

INSTANTIATE_TEST_SUITE_P(Backends, Statistics, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
