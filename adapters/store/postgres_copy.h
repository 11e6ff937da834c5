#pragma once
// PostgreSQL's COPY through a SOCI session's own libpq connection, for the
// two places where rows move in bulk: a term's intake written (COPY ...
// FROM STDIN: the server parses each row once, no array literal, no
// unnest, no plan) and a start's deadline index read (COPY (SELECT ...)
// TO STDOUT: rows stream as the server produces them, where a query's
// result is held whole, ten million rows at once, before the first is
// read). Both in COPY's text format: fields split by tabs, rows by
// newlines, a backslash escaping either, \N for NULL. COPY takes no
// parameters: the statement's text is the caller's, values and all.
// Every function throws std::runtime_error with the server's message, after
// taking the command's every result, so the session can go on (a
// transaction rolls back).

#include <soci/soci.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xueji::store {

// The rows of one `COPY table (columns) FROM STDIN`, sent in pieces as
// they are written, so the server parses while the caller writes on.
class CopyIn {
 public:
  // Starts `copy` on `sql`, a PostgreSQL session.
  CopyIn(soci::session& sql, const std::string& copy);
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;
  // Ends a COPY not finished (an exception on the way): the server
  // discards its rows and fails the command.
  ~CopyIn();

  // One field of the current row, escaped; null() writes \N.
  void text(std::string_view value);
  void number(long long value);
  void null();
  // Ends the row.
  void end_row();
  // Sends what is left and ends the COPY; throws if the server refused a
  // row (a key taken, a value out of its type).
  void finish();

 private:
  void field();
  void send();

  void* conn_;  // PGconn
  std::string buffer_;
  bool row_open_ = false;
  bool finished_ = false;
};

// Runs `copy` (`COPY (SELECT ...) TO STDOUT`) on `sql`, a PostgreSQL
// session, calling `row` with each row's fields, unescaped (a NULL as ""),
// as they arrive. An exception from `row` ends the reading: the rest is
// taken and dropped, and the exception goes on to the caller.
void copy_out(soci::session& sql, const std::string& copy,
              const std::function<void(std::vector<std::string>& fields)>& row);

// One COPY text row (no newline) split into its fields, unescaped: for
// copy_out and its tests.
void split_copy_row(std::string_view line, std::vector<std::string>& fields);

}  // namespace xueji::store
