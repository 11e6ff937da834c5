#pragma once
// A batch's rows on PostgreSQL as one array per column: the statement
// (`... FROM unnest(CAST(:p0 AS text[]), ...)`) is prepared once per
// connection and executed once per batch, whatever the batch's size. The
// server parses and plans it once instead of once per batch, and the
// writer builds one string per column instead of a placeholder per value.

#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "adapters/store/sql_helpers.h"

namespace xueji::store {

// "unnest(CAST(:p0 AS text[]), CAST(:p1 AS bigint[]), ...)": one array
// parameter per column, text or numbers as the column holds, numbered from
// `first`.
std::string unnest_of(const std::vector<Column>& columns, size_t first = 0);

// Appends `values` as a PostgreSQL array literal: every text element
// quoted, `"` and `\` escaped, NULL where its indicator says so.
void append_text_array(std::string& out, const std::vector<std::string>& values,
                       const std::vector<soci::indicator>* nulls);
void append_bigint_array(std::string& out, const std::vector<long long>& values,
                         const std::vector<soci::indicator>* nulls);

class ArrayStatement {
 public:
  // `query` names its parameters :p0, :p1, ... one per column, in order.
  ArrayStatement(soci::session& sql, const std::string& query, size_t columns);
  // Executes once with `columns` (as many as the constructor's count; each
  // its own length, for the statement's own part). The rows it wrote, as
  // the server counts them. Throws on a database error.
  long long execute(const std::vector<Column>& columns);

 private:
  std::vector<std::string> arrays_;  // bound by address: never resized
  std::unique_ptr<soci::statement> statement_;
};

}  // namespace xueji::store
