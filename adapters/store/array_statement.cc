#include "adapters/store/array_statement.h"

#include <stdexcept>

#include "adapters/store/special_chars.h"

namespace xueji::store {

std::string unnest_of(const std::vector<Column>& columns, size_t first) {
  std::string out = "unnest(";
  for (size_t i = 0; i < columns.size(); ++i) {
    out += (i == 0 ? "CAST(:p" : ", CAST(:p") + std::to_string(first + i) +
           (columns[i].text != nullptr ? " AS text[])" : " AS bigint[])");
  }
  return out + ")";
}

namespace {

// `{a,b,NULL}`: each value by `write`, NULL where its indicator says so.
template <typename T, typename Write>
void append_array(std::string& out, const std::vector<T>& values,
                  const std::vector<soci::indicator>* nulls, Write write) {
  out += '{';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    if (nulls != nullptr && (*nulls)[i] == soci::i_null) {
      out += "NULL";
    } else {
      write(out, values[i]);
    }
  }
  out += '}';
}

}  // namespace

void append_text_array(std::string& out, const std::vector<std::string>& values,
                       const std::vector<soci::indicator>* nulls) {
  append_array(out, values, nulls, [](std::string& o, const std::string& v) {
    o += '"';
    // Whole runs between the characters that need a backslash.
    static constexpr SpecialChars kQuoted("\"\\");
    size_t from = 0;
    for (size_t at = kQuoted.find(v); at != std::string::npos; at = kQuoted.find(v, from)) {
      o.append(v, from, at - from);
      o += '\\';
      o += v[at];
      from = at + 1;
    }
    o.append(v, from, std::string::npos);
    o += '"';
  });
}

void append_bigint_array(std::string& out, const std::vector<long long>& values,
                         const std::vector<soci::indicator>* nulls) {
  append_array(out, values, nulls, [](std::string& o, long long v) { o += std::to_string(v); });
}

ArrayStatement::ArrayStatement(soci::session& sql, const std::string& query, size_t columns)
    : arrays_(columns), statement_(std::make_unique<soci::statement>(sql)) {
  for (auto& array : arrays_) statement_->exchange(soci::use(array));
  statement_->alloc();
  statement_->prepare(query);
  statement_->define_and_bind();
}

long long ArrayStatement::execute(const std::vector<Column>& columns) {
  if (columns.size() != arrays_.size()) {
    throw std::logic_error("array statement given " + std::to_string(columns.size()) +
                           " columns for " + std::to_string(arrays_.size()) + " parameters");
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    const Column& column = columns[c];
    std::string& out = arrays_[c];
    out.clear();
    if (column.text != nullptr) {
      append_text_array(out, *column.text, column.text_indicators);
    } else {
      append_bigint_array(out, *column.number, column.indicators);
    }
  }
  statement_->execute(true);
  return statement_->get_affected_rows();
}

}  // namespace xueji::store
