#pragma once
// One connection to the store: SOCI over PostgreSQL (production, tests) or
// SQLite (the embedded default), with the settings every role relies on
// (durable commits, plans per execution but for the kept reads and the
// writer's statements, a writer that waits its turn).
// Not thread-safe; the rooms of adapters/store borrow connections from a
// ConnectionPool (connection_pool.h) or own one (the journal).

#include <map>
#include <memory>
#include <string>

#include "engine/core/result.h"

namespace soci {
class session;
}

namespace xueji::store {

class ArrayStatement;
class KeptRows;

// "postgresql://user:pass@host:port/db" or "sqlite:path/to/file.db".
struct DatabaseUrl {
  enum class Backend { postgresql, sqlite } backend = Backend::sqlite;
  std::string connect;  // what the SOCI backend is given
  std::string path;     // sqlite: the file
};
// "invalid_database_url" naming what is missing.
Result<DatabaseUrl> parse_database_url(const std::string& url);
// The URL fit for logs and errors: its password replaced by ***.
std::string redact_password(const std::string& url);

// Keeps what a reconnect abandoned reachable for the process's life: a
// statement prepared on a connection since revived points into a backend
// that reconnect() freed, so its destructor must never run, yet a leak
// checker (LSan) must not take it for a leak either. A few kilobytes per
// reconnect.
void keep_abandoned(const void* abandoned);
template <class T>
void abandon(std::unique_ptr<T> statement) {
  keep_abandoned(statement.release());
}

class Connection {
 public:
  // Connects. An unreachable or unopenable database is "store_unavailable";
  // a malformed URL "invalid_database_url".
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection();

  soci::session& sql() { return *sql_; }
  DatabaseUrl::Backend backend() const { return url_.backend; }
  bool postgresql() const { return url_.backend == DatabaseUrl::Backend::postgresql; }

  // How PostgreSQL plans what this connection runs next (its
  // plan_cache_mode and the planner's enable_* settings, all set in one
  // round trip, and only when they change):
  //  - per_execution: every statement planned with its values, a plan that
  //    follows the tables as they grow from empty to millions of rows (a
  //    generic plan made while a table was small once stayed a sequential
  //    scan: docs/performance.md, session 3). The default.
  //  - kept: a kept read's plan kept once five plans with its values came
  //    out no cheaper (kept_rows below).
  //  - by_key: one plan per statement made without its values and kept,
  //    with sequential scans and hash and merge joins priced out, so that
  //    the plan reaches every row it writes through its key, whatever the
  //    tables held when it was made; PostgreSQL makes it again when their
  //    statistics change. The writer's: it writes rows by key only, and
  //    planning its batch statement anew cost 13% of the statement's time.
  //    And a keyset page's (list_pages.cc), which walks its index from the
  //    cursor for any org: under kept, a large org's page was planned anew
  //    at every read, its plan costing more than its run (session 55).
  // A SET in a transaction that rolls back is undone with it: the mode
  // then says more than the server holds until the next switch, which
  // affects plans, not results. No-op on SQLite.
  enum class Plans { per_execution, kept, by_key };
  void plan(Plans plans);

  // The PostgreSQL statement for `query` with `columns` array parameters,
  // prepared on first use and kept for the connection's life, planned
  // by key (the writer's batches: batch_rows.h).
  ArrayStatement& array_statement(const std::string& query, size_t columns);
  // The read `query` (`params` text parameters, `columns` columns) prepared
  // on first use and kept for the connection's life, or nothing when the
  // connection keeps as many as it will (kKeptRowsLimit): the caller then
  // runs it once (run_kept in kept_rows.h does both). Only for reads whose
  // best plan does not hang on their values: a row by its key, a keyset
  // page walking a partial index from a position (its LIMIT written in the
  // text so that the planner knows it).
  // `plans`: how it is planned (kept unless its caller knows better).
  KeptRows* kept_rows(const std::string& query, size_t params, size_t columns,
                      Plans plans = Plans::kept);
  // Bounds what a connection keeps on the server when callers vary the
  // text (a page's limit is in it: at most 500 values per list).
  static constexpr size_t kKeptRowsLimit = 64;

  // Makes sure the connection is up after a failure: when an operation on
  // it failed since the last check (suspect()), pings the server and, if
  // it went away (a restart, a failover), reconnects and applies the
  // settings again. Statements prepared on the old connection are dropped,
  // and generation() moves on so that their owners prepare them anew.
  // Costs nothing while nothing failed. "store_unavailable" while the
  // server cannot be reached.
  Status revive();
  // Notes that an operation failed: the next revive() checks the server.
  void suspect() { suspect_ = true; }
  int generation() const { return generation_; }

  // A connection setting as the server reports it (PostgreSQL's
  // current_setting, SQLite's PRAGMA): what this connection really runs
  // with.
  Result<std::string> setting(const std::string& name);

 private:
  Connection(DatabaseUrl url, std::unique_ptr<soci::session> session);
  DatabaseUrl url_;
  std::unique_ptr<soci::session> sql_;
  std::map<std::string, std::unique_ptr<ArrayStatement>> array_statements_;
  std::map<std::string, std::unique_ptr<KeptRows>> kept_rows_;
  Plans plans_ = Plans::per_execution;  // as this connection last set it
  int generation_ = 0;
  bool suspect_ = false;
};

}  // namespace xueji::store
