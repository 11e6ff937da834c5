#include "adapters/store/postgres_copy.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <charconv>
#include <exception>
#include <stdexcept>

#include "adapters/store/special_chars.h"

namespace xueji::store {
namespace {

// Sent to the server in pieces of about this size: large enough that a
// piece costs one write, small enough that the server starts early.
constexpr size_t kPiece = 256 * 1024;

PGconn* conn_of(soci::session& sql) {
  // PostgreSQL's by the caller's word (SOCI exports no typeinfo to test).
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  if (backend == nullptr || backend->conn_ == nullptr) {
    throw std::runtime_error("COPY: no PostgreSQL connection");
  }
  return backend->conn_;
}

// Takes the command's remaining results; the first failure's message, or "".
std::string take_results(PGconn* conn) {
  std::string failure;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && failure.empty()) {
      failure = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  return failure;
}

// Starts `copy`; throws unless the server answered with `expected`.
void start(PGconn* conn, const std::string& copy, ExecStatusType expected) {
  PGresult* r = PQexec(conn, copy.c_str());
  const bool started = PQresultStatus(r) == expected;
  const std::string why = started ? "" : PQresultErrorMessage(r);
  PQclear(r);
  if (!started) throw std::runtime_error("COPY failed: " + (why.empty() ? copy : why));
}

// The character a backslash and `c` stand for in COPY's text format.
char unescaped(char c) {
  switch (c) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      return c;  // \\ and any other character stand for themselves
  }
}

int digit(char c, int base) {
  if (c >= '0' && c <= '7') return c - '0';
  if (base == 16 && (c == '8' || c == '9')) return c - '0';
  if (base == 16 && c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (base == 16 && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A field's text from `line` at `at` up to the next tab or the end.
void unescape_field(std::string_view line, size_t& at, std::string& out) {
  out.clear();
  if (line.compare(at, 2, "\\N") == 0 && (at + 2 == line.size() || line[at + 2] == '\t')) {
    at += 2;
    return;  // NULL
  }
  while (at < line.size() && line[at] != '\t') {
    static constexpr SpecialChars kEscapeOrTab("\\\t");
    const size_t plain = kEscapeOrTab.find(line, at);
    const size_t end = plain == std::string_view::npos ? line.size() : plain;
    out.append(line.substr(at, end - at));
    at = end;
    if (at == line.size() || line[at] == '\t') break;
    ++at;  // the backslash
    if (at == line.size()) break;
    const char c = line[at];
    // \ddd (octal, up to three digits) and \xhh (hex, up to two).
    const int base = c == 'x' ? 16 : digit(c, 8) >= 0 ? 8 : 0;
    if (base == 0 || (base == 16 && (at + 1 >= line.size() || digit(line[at + 1], 16) < 0))) {
      out += unescaped(c);
      ++at;
      continue;
    }
    if (base == 16) ++at;
    int value = 0;
    for (int n = 0; n < (base == 8 ? 3 : 2) && at < line.size() && digit(line[at], base) >= 0;
         ++n, ++at) {
      value = value * base + digit(line[at], base);
    }
    out += static_cast<char>(value);
  }
}

}  // namespace

CopyIn::CopyIn(soci::session& sql, const std::string& copy) : conn_(conn_of(sql)) {
  start(static_cast<PGconn*>(conn_), copy, PGRES_COPY_IN);
  buffer_.reserve(kPiece + 4096);
}

CopyIn::~CopyIn() {
  if (finished_) return;
  auto* conn = static_cast<PGconn*>(conn_);
  // The server fails the command with this message and keeps no row of it.
  if (PQputCopyEnd(conn, "the writer gave up before its last row") == 1) (void)take_results(conn);
}

void CopyIn::field() {
  if (row_open_) buffer_ += '\t';
  row_open_ = true;
}

void CopyIn::text(std::string_view value) {
  field();
  // Whole runs between the characters COPY's text format escapes.
  static constexpr SpecialChars kEscaped("\\\t\n\r");
  size_t from = 0;
  for (size_t at = kEscaped.find(value); at != std::string_view::npos;
       at = kEscaped.find(value, from)) {
    buffer_.append(value.substr(from, at - from));
    buffer_ += '\\';
    const char c = value[at];
    buffer_ += c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
    from = at + 1;
  }
  buffer_.append(value.substr(from));
}

void CopyIn::number(long long value) {
  field();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer_.append(digits, end);
}

void CopyIn::null() {
  field();
  buffer_ += "\\N";
}

void CopyIn::end_row() {
  buffer_ += '\n';
  row_open_ = false;
  if (buffer_.size() >= kPiece) send();
}

void CopyIn::send() {
  if (buffer_.empty()) return;
  auto* conn = static_cast<PGconn*>(conn_);
  if (PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    throw std::runtime_error(std::string("COPY: sending rows failed: ") + PQerrorMessage(conn));
  }
  buffer_.clear();
}

void CopyIn::finish() {
  send();
  finished_ = true;
  auto* conn = static_cast<PGconn*>(conn_);
  if (PQputCopyEnd(conn, nullptr) != 1) {
    throw std::runtime_error(std::string("COPY: ending failed: ") + PQerrorMessage(conn));
  }
  if (std::string failure = take_results(conn); !failure.empty()) {
    throw std::runtime_error("COPY failed: " + failure);
  }
}

void split_copy_row(std::string_view line, std::vector<std::string>& fields) {
  size_t n = 0;
  size_t at = 0;
  do {
    if (n == fields.size()) fields.emplace_back();
    unescape_field(line, at, fields[n++]);
  } while (at++ < line.size());  // past the tab; the end ends the row
  fields.resize(n);
}

void copy_out(soci::session& sql, const std::string& copy,
              const std::function<void(std::vector<std::string>& fields)>& row) {
  PGconn* conn = conn_of(sql);
  start(conn, copy, PGRES_COPY_OUT);
  std::vector<std::string> fields;
  std::exception_ptr failed;
  std::string lost;
  for (;;) {
    char* data = nullptr;
    const int n = PQgetCopyData(conn, &data, 0);
    if (n == -1) break;  // the end; the command's result follows
    if (n < 0) {
      lost = PQerrorMessage(conn);
      break;
    }
    if (!failed) {
      std::string_view line(data, static_cast<size_t>(n));
      if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
      try {
        split_copy_row(line, fields);
        row(fields);
      } catch (...) {
        failed = std::current_exception();  // the rest is read and dropped
      }
    }
    PQfreemem(data);
  }
  const std::string failure = take_results(conn);
  if (failed) std::rethrow_exception(failed);
  if (!lost.empty()) throw std::runtime_error("COPY: reading rows failed: " + lost);
  if (!failure.empty()) throw std::runtime_error("COPY failed: " + failure);
}

}  // namespace xueji::store
