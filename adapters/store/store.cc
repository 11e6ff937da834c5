#include "adapters/store/store.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "adapters/store/array_statement.h"
#include "adapters/store/case_codec.h"
#include "adapters/store/sql_helpers.h"
#include "engine/core/yaml_source.h"

namespace xueji::store {
namespace {

Student student_from(const soci::row& r) {
  Student s;
  s.registration_number = r.get<std::string>(0);
  s.resident_id = r.get<std::string>(1);
  s.name = r.get<std::string>(2);
  s.school = r.get<std::string>(3);
  s.grade = r.get<int>(4);
  s.status = parse_student_status(r.get<std::string>(5)).value();
  s.birth_date = Date::parse(r.get<std::string>(6)).value();
  s.gender = r.get<std::string>(7) == "female" ? Gender::female : Gender::male;
  return s;
}

constexpr const char* kStudentColumns =
    "registration_number, resident_id, name, school, grade, status, birth_date, gender";

}  // namespace

std::string redact_password(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<DatabaseUrl> parse_database_url(const std::string& url) {
  DatabaseUrl out;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    out.backend = DatabaseUrl::Backend::postgresql;
    // SOCI hands libpq a "key=value" string, so the URI is taken apart here:
    // postgresql://[user[:password]@]host[:port]/dbname[?key=value&...]
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
      query = rest.substr(q + 1);
      rest = rest.substr(0, q);
    }
    const auto slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 == rest.size()) {
      return make_error("invalid_database_url", "database URL '" + url + "' names no database");
    }
    const std::string dbname = rest.substr(slash + 1);
    std::string authority = rest.substr(0, slash);
    std::string user, password;
    if (auto at = authority.rfind('@'); at != std::string::npos) {
      user = authority.substr(0, at);
      authority = authority.substr(at + 1);
      if (auto colon = user.find(':'); colon != std::string::npos) {
        password = user.substr(colon + 1);
        user = user.substr(0, colon);
      }
    }
    std::string host = authority, port;
    if (auto colon = authority.rfind(':'); colon != std::string::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    auto quoted = [](const std::string& v) {
      std::string q = "'";
      for (char c : v) {
        if (c == '\\' || c == '\'') q += '\\';
        q += c;
      }
      return q + "'";
    };
    std::string connect = "dbname=" + quoted(dbname);
    if (!host.empty()) connect += " host=" + quoted(host);
    if (!port.empty()) connect += " port=" + quoted(port);
    if (!user.empty()) connect += " user=" + quoted(user);
    if (!password.empty()) connect += " password=" + quoted(password);
    bool timeout_given = false;
    std::istringstream params(query);
    for (std::string kv; std::getline(params, kv, '&');) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos) continue;
      timeout_given |= kv.substr(0, eq) == "connect_timeout";
      connect += " " + kv.substr(0, eq) + "=" + quoted(kv.substr(eq + 1));
    }
    // An unreachable server is an error after seconds, never a hang.
    if (!timeout_given) connect += " connect_timeout='5'";
    out.connect = connect;
    return out;
  }
  if (url.rfind("sqlite:", 0) == 0 && url.size() > 7) {
    out.backend = DatabaseUrl::Backend::sqlite;
    out.path = url.substr(7);
    out.connect = "db=" + out.path + " timeout=30";
    return out;
  }
  return make_error(
      "invalid_database_url",
      "database URL '" + url + "' is neither postgresql://user:pass@host/db nor sqlite:path");
}

Store::Store(DatabaseUrl url, std::unique_ptr<soci::session> session)
    : url_(std::move(url)), sql_(std::move(session)) {}

Store::~Store() = default;

ArrayStatement& Store::array_statement(const std::string& query, size_t columns) {
  auto it = array_statements_.find(query);
  if (it == array_statements_.end()) {
    it = array_statements_.emplace(query, std::make_unique<ArrayStatement>(*sql_, query, columns))
             .first;
  }
  return *it->second;
}

Result<std::unique_ptr<Store>> Store::open(const std::string& url) {
  auto parsed = parse_database_url(url);
  if (!parsed) return parsed.error();
  try {
    std::unique_ptr<soci::session> session;
    if (parsed->backend == DatabaseUrl::Backend::postgresql) {
      session = std::make_unique<soci::session>(soci::postgresql, parsed->connect);
      // Notices such as "relation already exists, skipping" are not news.
      *session << "SET client_min_messages TO WARNING";
      // The writer's and the directory's statements are prepared once and
      // run for the life of the connection, while their tables grow from
      // empty to millions of rows. A generic plan made while a table was
      // small stays a sequential scan (measured: the directory's load then
      // cost PostgreSQL three times the CPU); a plan per execution costs
      // tens of microseconds per batch and follows the table.
      *session << "SET plan_cache_mode TO force_custom_plan";
    } else {
      const auto dir = std::filesystem::path(parsed->path).parent_path();
      std::error_code ec;
      if (!dir.empty()) std::filesystem::create_directories(dir, ec);
      session = std::make_unique<soci::session>(soci::sqlite3, parsed->connect);
      // What the engine acknowledges must survive a crash: WAL with a full
      // fsync at every commit.
      *session << "PRAGMA journal_mode=WAL";
      *session << "PRAGMA synchronous=FULL";
      *session << "PRAGMA foreign_keys=ON";
      // The writer, the API and the account directory each hold a
      // connection: a writer waits its turn instead of failing.
      *session << "PRAGMA busy_timeout=10000";
    }
    return std::unique_ptr<Store>(new Store(std::move(*parsed), std::move(session)));
  } catch (const std::exception& e) {
    return make_error("store_unavailable", "cannot open the store at " + redact_password(url) +
                                               ": " + one_line(e.what()));
  }
}

Result<int> Store::migrate(const std::string& migrations_dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(migrations_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".sql") files.push_back(it->path());
  }
  if (ec || files.empty()) {
    return make_error("store_failed", "no migration files in " + migrations_dir);
  }
  std::sort(files.begin(), files.end());
  return guarded<int>("migrate", [&] {
    *sql_ << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL)";
    std::set<int> applied;
    {
      int version = 0;
      soci::statement st =
          (sql_->prepare << "SELECT version FROM schema_migrations", soci::into(version));
      st.execute();
      while (st.fetch()) applied.insert(version);
    }
    int count = 0;
    for (const auto& file : files) {
      const std::string name = file.filename().string();
      const int version = std::atoi(name.c_str());
      if (version <= 0)
        throw std::runtime_error(name + ": a migration file starts with its number");
      if (applied.count(version) != 0) continue;
      auto text = read_text_file(file.string());
      if (!text) throw std::runtime_error(text.error().message);
      soci::transaction tr(*sql_);
      // Statements are separated by ';' at the end of a line.
      std::string statement;
      std::istringstream lines(*text);
      for (std::string line; std::getline(lines, line);) {
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line.compare(start, 2, "--") == 0) continue;
        statement += line + "\n";
        const auto end = line.find_last_not_of(" \t\r");
        if (end != std::string::npos && line[end] == ';') {
          *sql_ << statement;
          statement.clear();
        }
      }
      *sql_ << "INSERT INTO schema_migrations (version, name) VALUES (:v, :n)", soci::use(version),
          soci::use(name);
      tr.commit();
      ++count;
    }
    return count;
  });
}

Transition case_transition(int64_t first_seq, const std::vector<CaseEvent>& events,
                           const CaseState& after) {
  Transition t;
  t.case_id = after.id;
  t.first_seq = first_seq;
  t.events.reserve(events.size());
  for (const auto& e : events) {
    t.events.push_back(
        EventRow{std::string(to_string(e.type)), e.at.unix_seconds(), event_body(e)});
  }
  CaseRow& row = t.row;
  row.kind = after.kind;
  row.status = to_string(after.status);
  row.rule_version = after.rule_version;
  row.subject = after.subject;
  row.event_count = after.event_count;
  if (const auto timer = after.next_timer()) row.next_instant = timer->at.unix_seconds();
  row.updated_at = t.events.empty() ? 0 : t.events.back().at;
  row.snapshot = encode_snapshot(after);
  if (const StepState* active = after.active()) {
    row.has_active_step = true;
    row.active_step = active->plan.step;
    row.active_org = active->plan.org;
    row.holder = active->holder;
    row.active_due = active->due ? active->due->to_string() : "";
    row.holder_due = active->holder_due ? active->holder_due->to_string() : "";
  }
  return t;
}

namespace {

// A batch's rows, column by column, as both backends write them.
struct BatchColumns {
  std::vector<std::string> ev_case, ev_type, ev_body;
  std::vector<long long> ev_seq, ev_at;
  std::vector<std::string> n_id, n_org, n_case, n_kind, n_body;
  std::vector<long long> n_at;
  std::vector<std::string> c_id, c_kind, c_status, c_version, c_subject, c_snapshot;
  std::vector<std::string> c_step, c_org, c_holder, c_due, c_holder_due;
  std::vector<soci::indicator> c_active_ind;
  std::vector<long long> c_count, c_next, c_updated;
  std::vector<soci::indicator> c_next_ind;
  // Students: a NULL leaves the column as it is.
  std::vector<std::string> s_number, s_status, s_school;
  std::vector<soci::indicator> s_status_ind, s_school_ind;
  // First answers to keyed requests.
  std::vector<std::string> a_key, a_type, a_body;
  std::vector<long long> a_status;

  explicit BatchColumns(const std::vector<Transition>& batch) {
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
        n_body.push_back(nlohmann::json{{"step", n.step}, {"due", n.due}, {"text", n.text}}.dump());
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
    }
    // Later transitions of the batch override earlier ones.
    std::map<std::string, std::pair<std::string, std::string>> students;
    for (const auto& t : batch) {
      for (const auto& change : t.student_changes) {
        auto& [status, school] = students[change.registration_number];
        if (!change.status.empty()) status = change.status;
        if (!change.school.empty()) school = change.school;
      }
    }
    for (const auto& [number, change] : students) {
      s_number.push_back(number);
      s_status.push_back(change.first);
      s_status_ind.push_back(change.first.empty() ? soci::i_null : soci::i_ok);
      s_school.push_back(change.second);
      s_school_ind.push_back(change.second.empty() ? soci::i_null : soci::i_ok);
    }
  }

  bool has_rows() const {
    return !ev_case.empty() || !n_id.empty() || !c_id.empty() || !s_number.empty() ||
           !a_key.empty();
  }
  std::vector<Column> events() const {
    return {{&ev_case}, {nullptr, &ev_seq}, {&ev_type}, {nullptr, &ev_at}, {&ev_body}};
  }
  std::vector<Column> notices() const {
    return {{&n_id}, {&n_org}, {&n_case}, {&n_kind}, {nullptr, &n_at}, {&n_body}};
  }
  std::vector<Column> cases() {
    return {{&c_id},
            {&c_kind},
            {&c_status},
            {&c_version},
            {&c_subject},
            {nullptr, &c_count},
            {nullptr, &c_next, &c_next_ind},
            {&c_snapshot},
            {nullptr, &c_updated},
            {&c_step, nullptr, nullptr, &c_active_ind},
            {&c_org, nullptr, nullptr, &c_active_ind},
            {&c_holder, nullptr, nullptr, &c_active_ind},
            {&c_due, nullptr, nullptr, &c_active_ind},
            {&c_holder_due, nullptr, nullptr, &c_active_ind}};
  }
  std::vector<Column> students() {
    return {{&s_number},
            {&s_status, nullptr, nullptr, &s_status_ind},
            {&s_school, nullptr, nullptr, &s_school_ind}};
  }
  std::vector<Column> answers() const {
    return {{&a_key}, {nullptr, &a_status}, {&a_type}, {&a_body}};
  }
};

// SQLite: sets `column` of the students whose value is not NULL, in one
// statement (a CASE over the batch's students).
void update_students_sqlite(soci::session& sql, const std::vector<std::string>& numbers,
                            const std::vector<std::string>& values,
                            const std::vector<soci::indicator>& set, const char* column) {
  std::vector<const std::string*> binds;
  std::string query = std::string("UPDATE students SET ") + column + " = CASE registration_number";
  int n = 0;
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (set[i] != soci::i_ok) continue;
    query += " WHEN :p" + std::to_string(n) + " THEN :p" + std::to_string(n + 1);
    n += 2;
    binds.push_back(&numbers[i]);
    binds.push_back(&values[i]);
  }
  if (binds.empty()) return;
  query += " END WHERE registration_number IN (";
  const size_t pairs = binds.size();
  for (size_t i = 0; i < pairs; i += 2) {
    query += (i == 0 ? ":p" : ", :p") + std::to_string(n++);
    binds.push_back(binds[i]);
  }
  query += ")";
  soci::statement st(sql);
  for (const std::string* b : binds) st.exchange(soci::use(*b));
  st.alloc();
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(true);
}

constexpr const char* kCaseColumns =
    "(id, kind, status, rule_version, subject, event_count, next_instant, snapshot, updated_at, "
    "active_step, active_org, holder, active_due, holder_due)";
constexpr const char* kCaseUpsert =
    " ON CONFLICT (id) DO UPDATE SET status = excluded.status, "
    "event_count = excluded.event_count, next_instant = excluded.next_instant, "
    "snapshot = excluded.snapshot, updated_at = excluded.updated_at, "
    "active_step = excluded.active_step, active_org = excluded.active_org, "
    "holder = excluded.holder, active_due = excluded.active_due, "
    "holder_due = excluded.holder_due";

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
  if (updates) {
    q += "moved_students AS (UPDATE students SET status = COALESCE(u.status, students.status), "
         "school = COALESCE(u.school, students.school) FROM " +
         next(shape.students()) +
         " AS u(number, status, school) WHERE students.registration_number = u.number), ";
    q += "answers AS (UPDATE idempotency_keys SET status = CAST(u.status AS INTEGER), "
         "content_type = u.content_type, body = u.body FROM " +
         next(shape.answers()) +
         " AS u(key, status, content_type, body) WHERE idempotency_keys.key = u.key), ";
  }
  q.resize(q.size() - 2);  // the last ", "
  q += std::string(" INSERT INTO cases ") + kCaseColumns + " SELECT * FROM " + next(shape.cases()) +
       kCaseUpsert;
  return q;
}

}  // namespace

Status Store::commit(const std::vector<Transition>& batch) {
  if (batch.empty()) return Status();
  auto result = guarded<bool>("commit", [&] {
    BatchColumns rows(batch);
    std::vector<AuditEntry> audit;
    bool accounts = false;
    for (const auto& t : batch) {
      audit.insert(audit.end(), t.audit.begin(), t.audit.end());
      accounts = accounts || !t.account_changes.empty();
    }
    const bool postgresql = url_.backend == DatabaseUrl::Backend::postgresql;
    auto write_rows_postgresql = [&] {
      if (!rows.has_rows()) return;
      static const std::string inserts = batch_statement(false), all = batch_statement(true);
      const bool updates = !rows.s_number.empty() || !rows.a_key.empty();
      std::vector<Column> columns;
      auto add = [&columns](const std::vector<Column>& part) {
        columns.insert(columns.end(), part.begin(), part.end());
      };
      add(rows.events());
      add(rows.notices());
      if (updates) {
        add(rows.students());
        add(rows.answers());
      }
      add(rows.cases());
      array_statement(updates ? all : inserts, columns.size()).execute(columns);
    };
    if (postgresql && audit.empty() && !accounts) {
      write_rows_postgresql();
      return true;
    }
    soci::transaction tr(*sql_);
    if (postgresql) {
      write_rows_postgresql();
    } else {
      insert_rows(*sql_, "INSERT INTO case_events (case_id, seq, type, at, body) VALUES ", "",
                  rows.events(), rows.ev_case.size());
      insert_rows(*sql_, std::string("INSERT INTO cases ") + kCaseColumns + " VALUES ", kCaseUpsert,
                  rows.cases(), rows.c_id.size());
      for (size_t i = 0; i < rows.a_key.size(); ++i) {
        const int status = static_cast<int>(rows.a_status[i]);
        *sql_ << "UPDATE idempotency_keys SET status = :s, content_type = :c, body = :b "
                 "WHERE key = :k",
            soci::use(status), soci::use(rows.a_type[i]), soci::use(rows.a_body[i]),
            soci::use(rows.a_key[i]);
      }
      update_students_sqlite(*sql_, rows.s_number, rows.s_status, rows.s_status_ind, "status");
      update_students_sqlite(*sql_, rows.s_number, rows.s_school, rows.s_school_ind, "school");
      insert_rows(*sql_, "INSERT INTO notices (id, org, case_id, kind, at, body) VALUES ", "",
                  rows.notices(), rows.n_id.size());
    }
    for (const auto& t : batch) {
      for (const auto& change : t.account_changes) {
        const std::string used = change.last_used.to_string();
        long long due = change.seal_due ? change.seal_due->unix_seconds() : 0;
        long long sealed = change.sealed_at ? change.sealed_at->unix_seconds() : 0;
        soci::indicator due_ind = change.seal_due ? soci::i_ok : soci::i_null;
        soci::indicator sealed_ind = change.sealed_at ? soci::i_ok : soci::i_null;
        *sql_ << "UPDATE accounts SET last_used = :u, seal_due = :d, sealed_at = :s "
                 "WHERE name = :n",
            soci::use(used), soci::use(due, due_ind), soci::use(sealed, sealed_ind),
            soci::use(change.name);
      }
    }
    // Last, so the chain's head stays locked for as short as can be.
    append_audit_entries(*sql_, audit);
    tr.commit();
    return true;
  });
  if (!result) return result.error();
  return Status();
}

Status Store::insert_student(const Student& s, const std::optional<RecordedAnswer>& answer,
                             const std::vector<AuditEntry>& audit) {
  auto result = guarded<bool>("insert student", [&] {
    soci::transaction tr(*sql_);
    const std::string status(to_string(s.status));
    const std::string birth = s.birth_date.to_string();
    const std::string gender(to_string(s.gender));
    *sql_ << "INSERT INTO students (" << kStudentColumns
          << ") VALUES (:n, :r, :na, :sc, :g, :st, :b, :ge)",
        soci::use(s.registration_number), soci::use(s.resident_id), soci::use(s.name),
        soci::use(s.school), soci::use(s.grade), soci::use(status), soci::use(birth),
        soci::use(gender);
    if (answer) {
      *sql_ << "UPDATE idempotency_keys SET status = :s, content_type = :c, body = :b "
               "WHERE key = :k",
          soci::use(answer->status), soci::use(answer->content_type), soci::use(answer->body),
          soci::use(answer->key);
    }
    append_audit_entries(*sql_, audit);
    tr.commit();
    return true;
  });
  if (!result) return result.error();
  return Status();
}

Result<std::optional<Student>> Store::find_student(const std::string& number) {
  return guarded<std::optional<Student>>("find student", [&]() -> std::optional<Student> {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT " << kStudentColumns
                       << " FROM students WHERE registration_number = :n",
         soci::use(number));
    for (const auto& r : rows) return student_from(r);
    return std::nullopt;
  });
}

Result<std::optional<Student>> Store::find_live_student(const std::string& resident_id) {
  return guarded<std::optional<Student>>("find student", [&]() -> std::optional<Student> {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT " << kStudentColumns
                       << " FROM students WHERE resident_id = :r AND status NOT IN "
                          "('deregistered', 'graduated')",
         soci::use(resident_id));
    for (const auto& r : rows) return student_from(r);
    return std::nullopt;
  });
}

Result<std::vector<Student>> Store::load_students() {
  return guarded<std::vector<Student>>("load students", [&] {
    std::vector<Student> out;
    soci::rowset<soci::row> rows = (sql_->prepare << "SELECT " << kStudentColumns
                                                  << " FROM students ORDER BY registration_number");
    for (const auto& r : rows) out.push_back(student_from(r));
    return out;
  });
}

Result<bool> Store::seed_orgs(const OrgTree& tree) {
  return guarded<bool>("seed orgs", [&] {
    long long existing = 0;
    *sql_ << "SELECT COUNT(*) FROM orgs", soci::into(existing);
    if (existing > 0) return false;
    std::vector<std::string> code, name, level, parent;
    for (const Org* o : tree.all()) {
      if (o->level == OrgLevel::ministry) continue;
      code.push_back(o->code);
      name.push_back(o->name);
      level.emplace_back(to_string(o->level));
      parent.push_back(o->parent);
    }
    if (code.empty()) return false;
    soci::transaction tr(*sql_);
    *sql_ << "INSERT INTO orgs (code, name, level, parent) VALUES (:c, :n, :l, :p)",
        soci::use(code), soci::use(name), soci::use(level), soci::use(parent);
    tr.commit();
    return true;
  });
}

Result<OrgTree> Store::load_orgs() {
  auto orgs = guarded<std::vector<Org>>("load orgs", [&] {
    std::vector<Org> out;
    soci::rowset<soci::row> rows = (sql_->prepare << "SELECT code, name, level, parent FROM orgs");
    for (const auto& r : rows) {
      Org o;
      o.code = r.get<std::string>(0);
      o.name = r.get<std::string>(1);
      o.level = parse_org_level(r.get<std::string>(2)).value();
      o.parent = r.get<std::string>(3);
      out.push_back(std::move(o));
    }
    return out;
  });
  if (!orgs) return orgs.error();
  return OrgTree::build(std::move(*orgs));
}

Result<std::optional<CaseState>> Store::load_case(const std::string& case_id) {
  auto found = load_cases({case_id});
  if (!found) return found.error();
  if (found->empty()) return std::optional<CaseState>();
  return std::optional<CaseState>(std::move(found->begin()->second));
}

// PostgreSQL: the case directory's query, prepared once per connection
// and executed once per load with every id as one array.
struct Store::CaseLoader {
  std::string ids;  // a text[] literal
  std::vector<std::string> found_ids, snapshots;
  soci::statement statement;

  explicit CaseLoader(soci::session& sql) : statement(sql) {
    statement.exchange(soci::into(found_ids));
    statement.exchange(soci::into(snapshots));
    statement.exchange(soci::use(ids));
    statement.alloc();
    statement.prepare("SELECT id, snapshot FROM cases WHERE id = ANY(CAST(:p0 AS text[]))");
    statement.define_and_bind();
  }
};

Result<std::string> Store::server_setting(const std::string& name) {
  return guarded<std::string>("read setting", [&] {
    std::string value;
    if (url_.backend == DatabaseUrl::Backend::postgresql) {
      *sql_ << "SELECT current_setting(:n)", soci::use(name), soci::into(value);
    } else {
      // PRAGMA names cannot be bound: only letters and underscores pass.
      for (char c : name) {
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') {
          throw std::invalid_argument("not a setting name: " + name);
        }
      }
      *sql_ << "PRAGMA " + name, soci::into(value);
    }
    return value;
  });
}

Result<std::map<std::string, CaseState>> Store::load_cases(
    const std::vector<std::string>& case_ids) {
  // Chunks keep SQLite under its limit of bound parameters.
  constexpr size_t kChunk = 1000;
  std::map<std::string, CaseState> out;
  for (size_t start = 0; start < case_ids.size(); start += kChunk) {
    const std::vector<std::string> ids(
        case_ids.begin() + static_cast<std::ptrdiff_t>(start),
        case_ids.begin() + static_cast<std::ptrdiff_t>(std::min(case_ids.size(), start + kChunk)));
    using Rows = std::vector<std::pair<std::string, std::string>>;
    auto rows = guarded<Rows>("load cases", [&] {
      Rows found;
      if (url_.backend == DatabaseUrl::Backend::postgresql) {
        if (!case_loader_) case_loader_ = std::make_unique<CaseLoader>(*sql_);
        CaseLoader& loader = *case_loader_;
        loader.ids.clear();
        append_text_array(loader.ids, ids, nullptr);
        // Room for every row the query can return (ids are unique).
        loader.found_ids.resize(ids.size());
        loader.snapshots.resize(ids.size());
        if (loader.statement.execute(true)) {
          for (size_t i = 0; i < loader.found_ids.size(); ++i) {
            found.emplace_back(std::move(loader.found_ids[i]), std::move(loader.snapshots[i]));
          }
        }
        return found;
      }
      // SQLite: a rowset, which leaves no read open behind it (a vector
      // `into` kept the connection on its old snapshot of the file).
      std::string query = "SELECT id, snapshot FROM cases WHERE id IN (";
      for (size_t i = 0; i < ids.size(); ++i) query += (i == 0 ? ":p" : ", :p") + std::to_string(i);
      query += ")";
      auto prepared = (sql_->prepare << query);
      for (const auto& id : ids) prepared, soci::use(id);
      soci::rowset<soci::row> result(prepared);
      for (const auto& row : result) {
        found.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
      }
      return found;
    });
    if (!rows) return rows.error();
    for (const auto& [id, snapshot] : *rows) {
      auto state = decode_snapshot(snapshot);
      if (!state) return state.error();
      out.emplace(id, std::move(*state));
    }
  }
  return out;
}

Result<std::vector<CaseEvent>> Store::load_events(const std::string& case_id) {
  auto bodies = guarded<std::vector<std::string>>("load events", [&] {
    std::vector<std::string> out;
    soci::rowset<std::string> rows =
        (sql_->prepare << "SELECT body FROM case_events WHERE case_id = :id ORDER BY seq",
         soci::use(case_id));
    for (const auto& body : rows) out.push_back(body);
    return out;
  });
  if (!bodies) return bodies.error();
  std::vector<CaseEvent> events;
  for (const auto& body : *bodies) {
    auto e = event_from_json(nlohmann::json::parse(body, nullptr, false));
    if (!e) return e.error();
    events.push_back(std::move(*e));
  }
  return events;
}

Result<std::vector<PendingWake>> Store::pending_wakes() {
  return guarded<std::vector<PendingWake>>("load the deadline index", [&] {
    std::vector<PendingWake> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT id, next_instant FROM cases WHERE next_instant IS NOT NULL "
                          "ORDER BY next_instant, id");
    for (const auto& r : rows) {
      out.push_back(
          PendingWake{r.get<std::string>(0), Instant::from_unix_seconds(r.get<long long>(1))});
    }
    return out;
  });
}

Result<std::vector<Notice>> Store::notices_for_org(const std::string& org) {
  return guarded<std::vector<Notice>>("load notices", [&] {
    std::vector<Notice> out;
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT id, org, case_id, kind, at, body FROM notices WHERE org = :o "
                          "ORDER BY at, id",
         soci::use(org));
    for (const auto& r : rows) {
      Notice n;
      n.id = r.get<std::string>(0);
      n.org = r.get<std::string>(1);
      n.case_id = r.get<std::string>(2);
      n.kind = r.get<std::string>(3);
      n.at = Instant::from_unix_seconds(r.get<long long>(4));
      const auto body = nlohmann::json::parse(r.get<std::string>(5), nullptr, false);
      if (body.is_object()) {
        n.step = body.value("step", std::string());
        n.due = body.value("due", std::string());
        n.text = body.value("text", std::string());
      }
      out.push_back(std::move(n));
    }
    return out;
  });
}

Result<std::vector<ActiveStep>> Store::active_steps(const std::string& org,
                                                    const std::string& due_before) {
  return guarded<std::vector<ActiveStep>>("load active steps", [&] {
    std::vector<ActiveStep> out;
    std::string query =
        "SELECT id, kind, active_step, active_org, holder, active_due, holder_due FROM cases "
        "WHERE status = 'open' AND active_step IS NOT NULL";
    if (!org.empty()) query += " AND (active_org = :o OR holder = :h)";
    if (!due_before.empty()) query += " AND active_due < :d";
    query += " ORDER BY holder_due, id";
    soci::statement st(*sql_);
    if (!org.empty()) {
      st.exchange(soci::use(org));
      st.exchange(soci::use(org));
    }
    if (!due_before.empty()) st.exchange(soci::use(due_before));
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
  });
}

Result<std::optional<StoredAnswer>> Store::find_answer(const std::string& key) {
  return guarded<std::optional<StoredAnswer>>(
      "find idempotency key", [&]() -> std::optional<StoredAnswer> {
        StoredAnswer a;
        soci::indicator ind = soci::i_null;
        *sql_ << "SELECT request_hash, status, content_type, body FROM idempotency_keys "
                 "WHERE key = :k",
            soci::use(key), soci::into(a.request_hash, ind), soci::into(a.status),
            soci::into(a.content_type), soci::into(a.body);
        if (!sql_->got_data() || ind != soci::i_ok) return std::nullopt;
        return a;
      });
}

Result<bool> Store::reserve_answer(const std::string& key, const std::string& request_hash,
                                   Instant at) {
  return guarded<bool>("reserve idempotency key", [&] {
    const long long when = at.unix_seconds();
    soci::statement st = (sql_->prepare << "INSERT INTO idempotency_keys (key, request_hash, "
                                           "status, content_type, body, created_at) VALUES "
                                           "(:k, :h, 0, '', '', :a) ON CONFLICT (key) DO NOTHING",
                          soci::use(key), soci::use(request_hash), soci::use(when));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

Status Store::record_answer(const std::string& key, int status, const std::string& content_type,
                            const std::string& body) {
  auto done = guarded<bool>("record idempotency key", [&] {
    *sql_ << "UPDATE idempotency_keys SET status = :s, content_type = :c, body = :b WHERE key = :k",
        soci::use(status), soci::use(content_type), soci::use(body), soci::use(key);
    return true;
  });
  if (!done) return done.error();
  return Status();
}

Status Store::forget_answer(const std::string& key) {
  auto done = guarded<bool>("release idempotency key", [&] {
    *sql_ << "DELETE FROM idempotency_keys WHERE key = :k", soci::use(key);
    return true;
  });
  if (!done) return done.error();
  return Status();
}

Result<std::vector<Notice>> Store::undelivered_notices(const std::vector<std::string>& orgs,
                                                       size_t limit) {
  return guarded<std::vector<Notice>>("load undelivered notices", [&] {
    std::vector<Notice> out;
    if (orgs.empty()) return out;
    std::string query =
        "SELECT id, org, case_id, kind, at, body FROM notices WHERE delivered_at IS NULL AND org "
        "IN (";
    for (size_t i = 0; i < orgs.size(); ++i) query += i == 0 ? ":o0" : ", :o" + std::to_string(i);
    query += ") ORDER BY at, id LIMIT " + std::to_string(limit);
    soci::statement st(*sql_);
    for (const auto& org : orgs) st.exchange(soci::use(org));
    std::string id, org, case_id, kind, body;
    long long at = 0;
    st.exchange(soci::into(id));
    st.exchange(soci::into(org));
    st.exchange(soci::into(case_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(at));
    st.exchange(soci::into(body));
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      Notice n;
      n.id = id;
      n.org = org;
      n.case_id = case_id;
      n.kind = kind;
      n.at = Instant::from_unix_seconds(at);
      const auto parsed = nlohmann::json::parse(body, nullptr, false);
      if (parsed.is_object()) {
        n.step = parsed.value("step", std::string());
        n.due = parsed.value("due", std::string());
        n.text = parsed.value("text", std::string());
      }
      out.push_back(std::move(n));
    }
    return out;
  });
}

Status Store::mark_delivered(const std::string& notice_id, Instant at) {
  auto done = guarded<bool>("mark a notice delivered", [&] {
    const long long when = at.unix_seconds();
    *sql_ << "UPDATE notices SET delivered_at = :a WHERE id = :i", soci::use(when),
        soci::use(notice_id);
    return true;
  });
  if (!done) return done.error();
  return Status();
}

Result<int64_t> Store::release_abandoned_answers() {
  return guarded<int64_t>("release abandoned idempotency keys", [&] {
    soci::statement st = (sql_->prepare << "DELETE FROM idempotency_keys WHERE status = 0");
    st.execute(true);
    return static_cast<int64_t>(st.get_affected_rows());
  });
}

Result<int64_t> Store::count_undelivered_notices() {
  return guarded<int64_t>("count undelivered notices", [&] {
    long long n = 0;
    *sql_ << "SELECT COUNT(*) FROM notices WHERE delivered_at IS NULL", soci::into(n);
    return static_cast<int64_t>(n);
  });
}

Result<int64_t> Store::count_rows(const std::string& table) {
  static const std::set<std::string> kTables = {
      "orgs",          "students",         "cases",    "case_events", "notices",
      "audit_entries", "idempotency_keys", "accounts", "tokens"};
  if (kTables.count(table) == 0) return make_error("invalid_table", "no table '" + table + "'");
  return guarded<int64_t>("count", [&] {
    long long n = 0;
    *sql_ << "SELECT COUNT(*) FROM " + table, soci::into(n);  // table name from the fixed set
    return static_cast<int64_t>(n);
  });
}

}  // namespace xueji::store
