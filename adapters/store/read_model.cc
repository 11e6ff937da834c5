#include "adapters/store/read_model.h"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "adapters/store/kept_rows.h"
#include "adapters/store/row_readers.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/student_rows.h"
#include "engine/case/case_snapshot.h"
#include "engine/case/event_codec.h"

namespace xueji::store {

const char* const kCasesOfSubject = "SELECT snapshot FROM cases WHERE subject = :s ORDER BY id";

namespace {

// Stored event bodies (JSON, event_codec.h), in their order.
Result<std::vector<CaseEvent>> events_from_bodies(std::vector<std::string>::const_iterator first,
                                                  std::vector<std::string>::const_iterator last) {
  std::vector<CaseEvent> events;
  events.reserve(static_cast<size_t>(last - first));
  for (; first != last; ++first) {
    auto e = event_from_json(nlohmann::json::parse(*first, nullptr, false));
    if (!e) return e.error();
    events.push_back(std::move(*e));
  }
  return events;
}

// Stored snapshots (case_snapshot.h), in their order.
Result<std::vector<CaseState>> states_from_snapshots(const std::vector<std::string>& snapshots) {
  std::vector<CaseState> cases;
  cases.reserve(snapshots.size());
  for (const auto& snapshot : snapshots) {
    auto state = decode_snapshot(snapshot);
    if (!state) return state.error();
    cases.push_back(std::move(*state));
  }
  return cases;
}

}  // namespace

ReadModel::ReadModel(std::shared_ptr<ConnectionPool> pool)
    : pool_(std::move(pool)), students_(std::make_shared<StudentLookups>(pool_)) {}

Result<std::optional<CaseState>> ReadModel::load_case(const std::string& case_id) {
  auto found = pool_->run<std::optional<std::string>>(
      "load a case", [&](Connection& connection) -> std::optional<std::string> {
        // Kept here and in load_events: every case command and read runs
        // them, and a kept statement costs one round trip and no parse.
        std::optional<std::string> snapshot;
        run_kept(connection, "SELECT snapshot FROM cases WHERE id = :id", {case_id}, 1,
                 [&snapshot](const std::vector<std::string>& c) { snapshot = c[0]; });
        return snapshot;
      });
  if (!found) return found.error();
  if (!*found) return std::optional<CaseState>();
  auto state = decode_snapshot(**found);
  if (!state) return state.error();
  return std::optional<CaseState>(std::move(*state));
}

Result<std::optional<StoredCase>> ReadModel::load_case_with_events(const std::string& case_id) {
  // The snapshot first (seq -1), then the events in order. Each
  // placeholder is named once: SQLite binds a repeated name once.
  auto rows = pool_->run<std::vector<std::string>>("load a case", [&](Connection& connection) {
    std::vector<std::string> out;
    run_kept(connection,
             "SELECT -1, snapshot FROM cases WHERE id = :case_id UNION ALL "
             "SELECT seq, body FROM case_events WHERE case_id = :event_case ORDER BY 1",
             {case_id, case_id}, 2, [&out](const std::vector<std::string>& c) {
               // A case's events without its row (none is written so) would
               // pass for its snapshot: only a row at -1 is one.
               if (out.empty() && c[0] != "-1") return;
               out.push_back(c[1]);
             });
    return out;
  });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<StoredCase>();
  auto state = decode_snapshot(rows->front());
  if (!state) return state.error();
  auto events = events_from_bodies(rows->begin() + 1, rows->end());
  if (!events) return events.error();
  return std::optional<StoredCase>(StoredCase{std::move(*state), std::move(*events)});
}

Result<std::optional<Student>> ReadModel::find_student(const std::string& number) {
  return students_->find(number);
}

std::string live_student_by_resident_id() {
  // Every condition of the partial index (migration 0006) written out: SQLite
  // uses a partial index only where the query's own terms imply the index's,
  // and `resident_id = :r` does not imply `resident_id <> ''`, so without it
  // each registration read the students table whole (a PostgreSQL generic
  // plan would too). An empty ID names nobody: many records have none.
  return std::string("SELECT ") + kStudentColumns +
         " FROM students WHERE resident_id = :r AND resident_id <> '' AND status NOT IN (" +
         sql_status_list(closed_statuses()) + ")";
}

Result<std::optional<Student>> ReadModel::find_live_student(const std::string& resident_id) {
  return pool_->run<std::optional<Student>>(
      "find student", [&](Connection& connection) -> std::optional<Student> {
        soci::session& sql = connection.sql();
        soci::rowset<soci::row> rows =
            (sql.prepare << live_student_by_resident_id(), soci::use(resident_id));
        for (const auto& r : rows) return student_from(r);
        return std::nullopt;
      });
}

Result<std::vector<CaseState>> ReadModel::case_states_of(const std::string& subject) {
  auto snapshots =
      pool_->run<std::vector<std::string>>("load a student's cases", [&](Connection& c) {
        std::vector<std::string> out;
        each_row_once(
            c.sql(), kCasesOfSubject, [&](soci::statement& st) { st.exchange(soci::use(subject)); },
            [&](const soci::row& r) { out.push_back(r.get<std::string>(0)); });
        return out;
      });
  if (!snapshots) return snapshots.error();
  return states_from_snapshots(*snapshots);
}

Result<std::vector<CaseState>> ReadModel::cases_of_kind(const std::string& kind,
                                                        const std::vector<std::string>& subjects) {
  auto snapshots = pool_->run<std::vector<std::string>>("load cases of a kind", [&](Connection& c) {
    std::vector<std::string> out;
    // Chunks keep SQLite under its limit of bound parameters.
    constexpr size_t kChunk = 500;
    for (size_t start = 0; start < subjects.size(); start += kChunk) {
      const size_t end = std::min(subjects.size(), start + kChunk);
      const std::string query = "SELECT snapshot FROM cases WHERE kind = :k AND subject IN (" +
                                placeholders(end - start) + ") ORDER BY subject, id";
      each_row_once(
          c.sql(), query,
          [&](soci::statement& st) {
            st.exchange(soci::use(kind));
            for (size_t i = start; i < end; ++i) st.exchange(soci::use(subjects[i]));
          },
          [&](const soci::row& r) { out.push_back(r.get<std::string>(0)); });
    }
    return out;
  });
  if (!snapshots) return snapshots.error();
  return states_from_snapshots(*snapshots);
}

Result<std::vector<HistoryEntry>> ReadModel::history_of(const std::string& number) {
  return pool_->run<std::vector<HistoryEntry>>(
      "load a record's history", [&](Connection& c) { return select_history(c.sql(), number); });
}

Result<OrgTree> ReadModel::load_orgs() {
  auto orgs = pool_->run<std::vector<Org>>("load orgs", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    std::vector<Org> out;
    // Art. 12: a school that merged or closed names the org acting for it,
    // as the running server's tree does, so a command reading the store
    // (xueji import, accounts, promote, export) refuses what the server
    // refuses there.
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT o.code, o.name, o.level, o.parent, o.school_type, "
                        "COALESCE(s.successor, '') FROM orgs o "
                        "LEFT JOIN school_successors s ON s.school = o.code");
    for (const auto& r : rows) {
      Org o;
      o.code = r.get<std::string>(0);
      o.name = r.get<std::string>(1);
      o.level = parse_org_level(r.get<std::string>(2)).value();
      o.parent = r.get<std::string>(3);
      // '' for a school seeded before types existed (migration 0007).
      const std::string type = r.get<std::string>(4);
      if (!type.empty()) o.school_type = parse_school_type(type).value();
      o.successor = r.get<std::string>(5);
      out.push_back(std::move(o));
    }
    return out;
  });
  if (!orgs) return orgs.error();
  return OrgTree::build(std::move(*orgs));
}

Result<std::vector<CaseEvent>> ReadModel::load_events(const std::string& case_id) {
  auto bodies = pool_->run<std::vector<std::string>>("load events", [&](Connection& connection) {
    std::vector<std::string> out;
    run_kept(connection, "SELECT body FROM case_events WHERE case_id = :id ORDER BY seq", {case_id},
             1, [&out](const std::vector<std::string>& c) { out.push_back(c[0]); });
    return out;
  });
  if (!bodies) return bodies.error();
  return events_from_bodies(bodies->begin(), bodies->end());
}

Result<std::vector<Notice>> ReadModel::notices_for_org(const std::string& org) {
  return pool_->run<std::vector<Notice>>("load notices", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    std::vector<Notice> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, org, case_id, kind, at, body FROM notices WHERE org = :o "
                        "ORDER BY at, id",
         soci::use(org));
    for (const auto& r : rows) {
      Notice n;
      n.id = r.get<std::string>(0);
      n.org = r.get<std::string>(1);
      n.case_id = r.get<std::string>(2);
      n.kind = r.get<std::string>(3);
      n.at = Instant::from_unix_seconds(r.get<long long>(4));
      read_notice_body(r.get<std::string>(5), n);
      out.push_back(std::move(n));
    }
    return out;
  });
}

const char* const kActiveStepColumns =
    "id, kind, active_step, active_org, holder, active_due, holder_due";
const char* const kOpenStep = "status = 'open' AND active_step IS NOT NULL";

std::vector<ActiveStep> select_active_steps(soci::session& sql, const std::string& query,
                                            const std::vector<std::string>& params) {
  std::vector<ActiveStep> out;
  soci::statement st(sql);
  for (const auto& p : params) st.exchange(soci::use(p));
  ActiveStep row;
  st.exchange(soci::into(row.case_id));
  st.exchange(soci::into(row.kind));
  st.exchange(soci::into(row.step));
  st.exchange(soci::into(row.org));
  st.exchange(soci::into(row.holder));
  st.exchange(soci::into(row.due));
  st.exchange(soci::into(row.holder_due));
  st.alloc();
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) out.push_back(row);
  return out;
}

std::vector<ActiveStep> kept_active_steps(Connection& connection, const std::string& query,
                                          const std::vector<std::string>& params,
                                          Connection::Plans plans) {
  std::vector<ActiveStep> out;
  run_kept(
      connection, query, params, 7,
      [&out](const std::vector<std::string>& c) {
        out.push_back(ActiveStep{c[0], c[1], c[2], c[3], c[4], c[5], c[6]});
      },
      plans);
  return out;
}

Result<std::vector<ActiveStep>> ReadModel::active_steps(const std::string& org,
                                                        const std::string& due_before) {
  return pool_->run<std::vector<ActiveStep>>("load active steps", [&](Connection& connection) {
    std::string query =
        std::string("SELECT ") + kActiveStepColumns + " FROM cases WHERE " + kOpenStep;
    std::vector<std::string> params;
    if (!org.empty()) {
      query += " AND (active_org = :o OR holder = :h)";
      params = {org, org};
    }
    if (!due_before.empty()) {
      query += " AND active_due < :d";
      params.push_back(due_before);
    }
    query += " ORDER BY holder_due, id";
    return select_active_steps(connection.sql(), query, params);
  });
}

Result<int64_t> ReadModel::count_rows(const std::string& table) {
  static const std::set<std::string> kTables = {
      "orgs",          "students",         "cases",    "case_events", "notices",
      "audit_entries", "idempotency_keys", "accounts", "tokens"};
  if (kTables.count(table) == 0) return make_error("invalid_table", "no table '" + table + "'");
  return pool_->run<int64_t>("count", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    long long n = 0;
    sql << "SELECT COUNT(*) FROM " + table, soci::into(n);  // table name from the fixed set
    return static_cast<int64_t>(n);
  });
}

}  // namespace xueji::store
