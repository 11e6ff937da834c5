// Audit entries appended inside a commit's transaction, chained from the
// head row under its lock.

#include <soci/soci.h>

#include "adapters/store/array_statement.h"
#include "adapters/store/database.h"
#include "adapters/store/kept_rows.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {

namespace {

// A batch's entries as one array per column of audit_entries.
struct AuditColumns {
  std::vector<std::string> account, org, action, target, outcome, detail, prev_hash, hash;
  std::vector<long long> seq, at;

  void add(const AuditEntry& e) {
    seq.push_back(e.seq);
    at.push_back(e.at.unix_seconds());
    account.push_back(e.account);
    org.push_back(e.org);
    action.push_back(e.action);
    target.push_back(e.target);
    outcome.push_back(e.outcome);
    detail.push_back(e.detail);
    prev_hash.push_back(e.prev_hash);
    hash.push_back(e.hash);
  }
  std::vector<Column> columns() const {
    return {{nullptr, &seq}, {nullptr, &at}, {&account}, {&org},       {&action},
            {&target},       {&outcome},     {&detail},  {&prev_hash}, {&hash}};
  }
};

constexpr const char* kInsert =
    "INSERT INTO audit_entries (seq, at, account, org, action, target, outcome, detail, "
    "prev_hash, hash) ";

}  // namespace

AuditEntry append_audit_entries(Connection& connection, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return AuditEntry();
  soci::session& sql = connection.sql();
  const bool postgresql = connection.postgresql();
  // The head's row is locked before it is read, so two appenders never
  // chain from the same head. On PostgreSQL the read takes the lock, and
  // returns the row as an appender that held it before left it. SQLite
  // locks no rows: a write first takes the database's write lock.
  AuditEntry previous;
  if (postgresql) {
    // Kept: a one-time query was parsed and planned at every commit, and
    // its plan cost PostgreSQL three times its run (pg_stat_statements,
    // session 55).
    bool found = false;
    run_kept(connection, "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", {}, 2,
             [&](const std::vector<std::string>& row) {
               previous.seq = std::stoll(row[0]);
               previous.hash = row[1];
               found = true;
             });
    if (!found) throw std::runtime_error("the audit trail has no head row (migration 0003)");
  } else {
    sql << "UPDATE audit_head SET seq = seq WHERE id = 1";
    sql << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(previous.seq),
        soci::into(previous.hash);
    if (!sql.got_data())
      throw std::runtime_error("the audit trail has no head row (migration 0003)");
  }
  AuditColumns rows;
  for (auto& e : chain_after(previous, entries)) {
    rows.add(e);
    previous = std::move(e);
  }
  const std::vector<Column> columns = rows.columns();
  if (postgresql && !copies_in_bulk(sql, rows.seq.size())) {
    // A commit's few entries and the head's move in one statement, prepared
    // once per connection: they were two statements, each parsed and
    // planned anew for its count of rows, and with the head's lock and read
    // four round trips, which cost a decision over HTTP a tenth of the
    // server's CPU (perf, session 53).
    static const std::string query =
        std::string("WITH added AS (") + kInsert + "SELECT * FROM " + unnest_of(columns) +
        " RETURNING seq, hash) UPDATE audit_head SET seq = last.seq, hash = last.hash FROM "
        "(SELECT seq, hash FROM added ORDER BY seq DESC LIMIT 1) AS last WHERE audit_head.id = 1";
    connection.array_statement(query, columns.size()).execute(columns);
    return previous;
  }
  insert_rows(sql, std::string(kInsert) + "VALUES ", "", columns, rows.seq.size(),
              true);  // a term's intake: thousands at once
  const long long last = previous.seq;
  sql << "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", soci::use(last),
      soci::use(previous.hash);
  return previous;
}

bool append_audit_entries_from(Connection& connection, const AuditEntry& from,
                               const std::vector<AuditEntry>& entries) {
  AuditColumns rows;
  for (const auto& e : entries) rows.add(e);
  std::vector<Column> columns = rows.columns();
  const std::vector<long long> from_seq = {from.seq};
  const std::vector<std::string> from_hash = {from.hash};
  columns.push_back({nullptr, &from_seq});
  columns.push_back({&from_hash});
  // One statement, atomic by itself: the head moves only from `from`, and
  // the entries are written only if it moved. A head another appender
  // holds locked is waited for, then checked as it was committed.
  static const std::string query =
      "WITH entries AS (SELECT * FROM " + unnest_of(rows.columns()) +
      " AS e(seq, at, account, org, action, target, outcome, detail, prev_hash, hash)), "
      "moved AS (UPDATE audit_head SET seq = last.seq, hash = last.hash FROM "
      "(SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1) AS last "
      "WHERE audit_head.id = 1 AND audit_head.seq = (CAST(:p10 AS bigint[]))[1] "
      "AND audit_head.hash = (CAST(:p11 AS text[]))[1] RETURNING 1) " +
      kInsert + "SELECT * FROM entries WHERE EXISTS (SELECT 1 FROM moved)";
  const long long written = connection.array_statement(query, columns.size()).execute(columns);
  return written == static_cast<long long>(entries.size());
}

}  // namespace xueji::store
