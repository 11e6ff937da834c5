#pragma once
// What the store's source files share, and nothing outside adapters/store
// includes: database errors as values, and multi-row inserts.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "engine/audit/audit_chain.h"
#include "engine/core/result.h"

namespace xueji::store {

// A database's message on one line: operators grep logs line by line.
inline std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      if (!out.empty() && out.back() != ' ') out += "; ";
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out;
}

inline Error store_error(const std::string& what, const std::exception& e) {
  return make_error("store_failed", what + ": " + one_line(e.what()));
}

// Runs `body`, turning a database exception into an Error value.
template <typename T, typename Body>
Result<T> guarded(const std::string& what, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return store_error(what, e);
  }
}

// The same for a body that yields nothing.
template <typename Body>
Status guarded_status(const std::string& what, Body&& body) {
  try {
    body();
    return Status();
  } catch (const std::exception& e) {
    return store_error(what, e);
  }
}

// Runs `query` as a one-time query (on PostgreSQL one round trip, where a
// prepared statement costs three: prepare, execute, deallocate), `bind`
// adding its parameters, and calls `each` with every row it yields. For
// the reads every request makes, whose text varies or which run once.
template <typename Bind, typename Each>
void each_row_once(soci::session& sql, const std::string& query, Bind&& bind, Each&& each) {
  soci::row row;
  soci::statement st(sql);
  bind(st);
  st.alloc();
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
  // As soci::rowset does: the row after the binding (its define is done
  // here, once).
  st.exchange_for_rowset(soci::into(row));
  if (!st.execute(true)) return;
  do {
    each(row);
  } while (st.fetch());
}

// ":p0, :p1, ..." for `count` parameters: the inside of an IN list.
inline std::string placeholders(size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += (i == 0 ? ":p" : ", :p") + std::to_string(i);
  return out;
}

// One column of a multi-row insert: text or numbers (with NULL indicators).
struct Column {
  const std::vector<std::string>* text = nullptr;
  const std::vector<long long>* number = nullptr;
  std::vector<soci::indicator>* indicators = nullptr;       // for numbers
  std::vector<soci::indicator>* text_indicators = nullptr;  // for text
};

// Whether a bulk insert_rows of `rows` rows goes as one COPY (on
// PostgreSQL, from 256 rows: below that the multi-row VALUES statement is
// as quick). A COPY carries values only: a caller whose statement would
// compute a column in SQL supplies the values instead.
bool copies_in_bulk(soci::session& sql, size_t rows);

// Inserts `rows` rows in as few statements as the parameter limit allows:
// a batch costs round trips per table, not per row. Statements whose text
// changes with the batch are one-time queries: on PostgreSQL one round trip
// each (PQexecParams), not three (prepare, execute, deallocate).
// `bulk`: on PostgreSQL, many rows (a term's intake) with no `tail` go as
// one COPY FROM STDIN (`head` is "INSERT INTO table (columns) VALUES "):
// the server parses each row once, with no parameters, literals or plan.
void insert_rows(soci::session& sql, const std::string& head, const std::string& tail,
                 const std::vector<Column>& columns, size_t rows, bool bulk = false);

class Connection;

// Appends `entries` to the audit trail inside the caller's transaction on
// `connection`: locks the chain's head row first (so appenders on other
// connections and in other processes wait their turn), chains each entry
// from it, and moves the head: the head it left, the last entry (none for
// no entries). Throws on a database error, so the transaction rolls back.
AuditEntry append_audit_entries(Connection& connection, const std::vector<AuditEntry>& entries);
// Appends `entries`, already chained from `from`, in one statement of their
// own on PostgreSQL (no transaction around it), moving the head to the last
// of them only if it still is `from`: whether they were written (false:
// the head had moved, and nothing was). Throws on a database error.
bool append_audit_entries_from(Connection& connection, const AuditEntry& from,
                               const std::vector<AuditEntry>& entries);

}  // namespace xueji::store
