#include "adapters/store/batch_rows.h"

#include <map>
#include <set>

#include "adapters/store/array_statement.h"
#include "adapters/store/row_readers.h"
#include "adapters/store/student_rows.h"
#include "engine/case/student_effect.h"

namespace xueji::store {

namespace {

// The statuses a change to `status` may replace, comma-separated (the
// statement's string_to_array): from the status machine, once per status
// rather than once per change on the writer's thread.
const std::string& replaceable_by(const std::string& status) {
  static const std::map<std::string, std::string> lists = [] {
    std::map<std::string, std::string> out;
    for (StudentStatus to : all_student_statuses()) {
      std::string from;
      for (StudentStatus s : statuses_leading_to(to)) {
        from += (from.empty() ? "" : ",") + std::string(to_string(s));
      }
      out.emplace(std::string(to_string(to)), std::move(from));
    }
    return out;
  }();
  static const std::string none;
  auto it = lists.find(status);
  return it == lists.end() ? none : it->second;
}

}  // namespace

BatchColumns::BatchColumns(const std::vector<Transition>& batch) : statistics(batch) {
  for (const auto& t : batch) {
    for (size_t i = 0; i < t.events.size(); ++i) {
      ev_case.push_back(t.case_id);
      ev_seq.push_back(t.first_seq + static_cast<long long>(i));
      ev_type.push_back(t.events[i].type);
      ev_at.push_back(t.events[i].at);
      ev_body.push_back(t.events[i].body);
    }
    for (const auto& n : t.notices) {
      n_id.push_back(n.id);
      n_org.push_back(n.org);
      n_case.push_back(n.case_id);
      n_kind.push_back(n.kind);
      n_at.push_back(n.at.unix_seconds());
      n_body.push_back(notice_body(n));
    }
    for (const auto& code : t.records.progress_codes) {
      p_hash.push_back(code.code_hash);
      p_case.push_back(code.case_id);
    }
    if (t.answer) {
      a_key.push_back(t.answer->key);
      a_status.push_back(t.answer->status);
      a_type.push_back(t.answer->content_type);
      a_body.push_back(t.answer->body);
    }
  }
  std::set<std::string> seen;
  for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
    const Transition& t = *it;
    // A multi-row upsert may touch a row once: the latest state wins.
    if (t.case_id.empty() || !seen.insert(t.case_id).second) continue;
    const CaseRow& row = t.row;
    c_id.push_back(t.case_id);
    c_kind.push_back(row.kind);
    c_status.push_back(row.status);
    c_version.push_back(row.rule_version);
    c_subject.push_back(row.subject);
    c_snapshot.push_back(row.snapshot);
    c_count.push_back(row.event_count);
    c_next.push_back(row.next_instant.value_or(0));
    c_next_ind.push_back(row.next_instant ? soci::i_ok : soci::i_null);
    c_updated.push_back(row.updated_at);
    c_step.push_back(row.active_step);
    c_org.push_back(row.active_org);
    c_holder.push_back(row.holder);
    c_due.push_back(row.active_due);
    c_holder_due.push_back(row.holder_due);
    c_active_ind.push_back(row.has_active_step ? soci::i_ok : soci::i_null);
    c_authority.push_back(row.active_authority);
    c_authority_ind.push_back(row.active_authority.empty() ? soci::i_null : soci::i_ok);
  }
  std::set<std::string> changed;
  for (const auto& t : batch) {
    for (const auto& change : t.student_changes) {
      student_changes.push_back(change);
      needs_transaction = !changed.insert(change.registration_number).second ||
                          may_leave_history(change) || needs_transaction;
      s_number.push_back(change.registration_number);
      s_status.push_back(change.status);
      s_status_ind.push_back(change.status.empty() ? soci::i_null : soci::i_ok);
      s_school.push_back(change.school);
      s_school_ind.push_back(change.school.empty() ? soci::i_null : soci::i_ok);
      s_from.push_back(replaceable_by(change.status));
      s_from_ind.push_back(change.status.empty() ? soci::i_null : soci::i_ok);
      s_if_school.push_back(change.if_school);
      s_if_school_ind.push_back(bound_to_school(change) ? soci::i_ok : soci::i_null);
    }
  }
}

void BatchColumns::drop_student_columns() {
  for (auto* v : {&s_number, &s_status, &s_school, &s_from, &s_if_school}) v->clear();
  for (auto* v : {&s_status_ind, &s_school_ind, &s_from_ind, &s_if_school_ind}) v->clear();
}

namespace {

constexpr const char* kCaseColumns =
    "(id, kind, status, rule_version, subject, event_count, next_instant, snapshot, updated_at, "
    "active_step, active_org, holder, active_due, holder_due, active_authority)";
constexpr const char* kCaseUpsert =
    " ON CONFLICT (id) DO UPDATE SET status = excluded.status, "
    "event_count = excluded.event_count, next_instant = excluded.next_instant, "
    "snapshot = excluded.snapshot, updated_at = excluded.updated_at, "
    "active_step = excluded.active_step, active_org = excluded.active_org, "
    "holder = excluded.holder, active_due = excluded.active_due, "
    "holder_due = excluded.holder_due, active_authority = excluded.active_authority";

// PostgreSQL: the whole batch's rows in one statement of fixed shape,
// every table's rows one array per column (empty arrays change nothing).
// One statement is atomic by itself: a batch without audit entries or
// account changes is one round trip, with no BEGIN and COMMIT around it.
// Without `updates` it only inserts (events, notices, cases): the usual
// batch, and the cheaper to plan; with them it also moves students and
// records first answers.
std::string batch_statement(bool updates) {
  BatchColumns shape({});  // the columns' types, not their rows
  size_t n = 0;
  auto next = [&n](const std::vector<Column>& columns) {
    const std::string out = unnest_of(columns, n);
    n += columns.size();
    return out;
  };
  std::string q =
      "WITH new_events AS (INSERT INTO case_events (case_id, seq, type, at, body) SELECT * FROM " +
      next(shape.events()) + "), ";
  q += "new_notices AS (INSERT INTO notices (id, org, case_id, kind, at, body) SELECT * FROM " +
       next(shape.notices()) + "), ";
  // Art. 15: a new case's progress code, written with its opening. The
  // key refuses a hash recorded twice (80 random bits: a broken generator,
  // not bad luck), failing the batch rather than letting one code read two
  // cases.
  q += "new_codes AS (INSERT INTO progress_codes (code_hash, case_id) SELECT * FROM " +
       next(shape.progress_codes()) + "), ";
  // The supervisor's figures, added to (statistics_rows.h).
  q += statistics_upserts(n) + ", ";
  n += shape.statistics.monthly().size() + shape.statistics.days().size() +
       shape.statistics.open_steps().size();
  if (updates) {
    // The compare-and-set (student_effect.h): a row whose status or school
    // no longer fits makes the cast fail, which refuses the whole statement
    // with the marker in its text. The expression reads the row, so it is
    // evaluated per row (on the row as it is once locked), never folded.
    // Art. 12: a record at the successor of the school the case was opened
    // at (or the other way round) rests at the same school: the org acting
    // for either is the same (student_effect.h).
    q +=
        "moved_students AS (UPDATE students SET status = CASE WHEN "
        "(u.if_school IS NULL OR students.school = u.if_school OR "
        "COALESCE((SELECT o.successor FROM school_successors o WHERE o.school = "
        "students.school), students.school) = COALESCE((SELECT o.successor FROM "
        "school_successors o WHERE o.school = u.if_school), u.if_school)) AND (u.status IS NULL OR "
        "students.status = ANY(string_to_array(u.from_statuses, ','))) "
        "THEN COALESCE(u.status, students.status) ELSE CAST(CAST('" +
        std::string(kStudentChangedMarker) +
        " ' || students.registration_number AS INTEGER) AS TEXT) END, "
        "school = COALESCE(u.school, students.school), version = students.version + 1 FROM " +
        next(shape.students()) +
        " AS u(number, status, school, from_statuses, if_school) "
        "WHERE students.registration_number = u.number), ";
    q += "answers AS (UPDATE idempotency_keys SET status = CAST(u.status AS INTEGER), "
         "content_type = u.content_type, body = u.body FROM " +
         next(shape.answers()) +
         " AS u(key, status, content_type, body) WHERE idempotency_keys.key = u.key), ";
  }
  q.resize(q.size() - 2);  // the last ", "
  // Each row marked with the batch's transaction (migration 0022): what a
  // hot standby reads to keep its copy of the deadline index warm.
  const std::string columns(kCaseColumns);
  q += " INSERT INTO cases " + columns.substr(0, columns.size() - 1) +
       ", written_xid) SELECT *, pg_current_xact_id() FROM " + next(shape.cases()) + kCaseUpsert +
       ", written_xid = excluded.written_xid";
  return q;
}

}  // namespace

void write_case_rows(Connection& connection, BatchColumns& rows) {
  if (!rows.has_rows()) return;
  soci::session& sql = connection.sql();
  if (connection.postgresql()) {
    static const std::string inserts = batch_statement(false), all = batch_statement(true);
    const bool updates = !rows.s_number.empty() || !rows.a_key.empty();
    std::vector<Column> columns;
    auto add = [&columns](const std::vector<Column>& part) {
      columns.insert(columns.end(), part.begin(), part.end());
    };
    add(rows.events());
    add(rows.notices());
    add(rows.progress_codes());
    add(rows.statistics.monthly());
    add(rows.statistics.days());
    add(rows.statistics.open_steps());
    if (updates) {
      add(rows.students());
      add(rows.answers());
    }
    add(rows.cases());
    connection.array_statement(updates ? all : inserts, columns.size()).execute(columns);
    return;
  }
  insert_rows(sql, "INSERT INTO case_events (case_id, seq, type, at, body) VALUES ", "",
              rows.events(), rows.ev_case.size());
  insert_rows(sql, std::string("INSERT INTO cases ") + kCaseColumns + " VALUES ", kCaseUpsert,
              rows.cases(), rows.c_id.size());
  for (size_t i = 0; i < rows.a_key.size(); ++i) {
    const int status = static_cast<int>(rows.a_status[i]);
    sql << "UPDATE idempotency_keys SET status = :s, content_type = :c, body = :b "
           "WHERE key = :k",
        soci::use(status), soci::use(rows.a_type[i]), soci::use(rows.a_body[i]),
        soci::use(rows.a_key[i]);
  }
  insert_rows(sql, "INSERT INTO notices (id, org, case_id, kind, at, body) VALUES ", "",
              rows.notices(), rows.n_id.size());
  insert_rows(sql, "INSERT INTO progress_codes (code_hash, case_id) VALUES ", "",
              rows.progress_codes(), rows.p_hash.size());
  write_statistics(sql, rows.statistics);
}

}  // namespace xueji::store
