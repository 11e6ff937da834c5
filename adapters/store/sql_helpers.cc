#include "adapters/store/sql_helpers.h"

#include <algorithm>

#include "adapters/store/postgres_copy.h"

namespace xueji::store {
namespace {

// Below this many rows the multi-row VALUES statement is as quick.
constexpr size_t kBulkRows = 256;

// The rows as one COPY FROM STDIN: `into` is "INSERT INTO table (columns) ".
void copy_rows(soci::session& sql, const std::string& into, const std::vector<Column>& columns,
               size_t rows) {
  constexpr std::string_view kInsert = "INSERT INTO ";
  CopyIn copy(sql, "COPY " + into.substr(kInsert.size()) + "FROM STDIN");
  for (size_t r = 0; r < rows; ++r) {
    for (const auto& c : columns) {
      if (c.text != nullptr) {
        if (c.text_indicators != nullptr && (*c.text_indicators)[r] == soci::i_null) {
          copy.null();
        } else {
          copy.text((*c.text)[r]);
        }
      } else if (c.indicators != nullptr && (*c.indicators)[r] == soci::i_null) {
        copy.null();
      } else {
        copy.number((*c.number)[r]);
      }
    }
    copy.end_row();
  }
  copy.finish();
}

}  // namespace

bool copies_in_bulk(soci::session& sql, size_t rows) {
  return rows >= kBulkRows && sql.get_backend_name() == "postgresql";
}

void insert_rows(soci::session& sql, const std::string& head, const std::string& tail,
                 const std::vector<Column>& columns, size_t rows, bool bulk) {
  constexpr std::string_view kValues = "VALUES ";
  if (bulk && tail.empty() && copies_in_bulk(sql, rows) && head.rfind("INSERT INTO ", 0) == 0 &&
      head.size() > kValues.size() &&
      head.compare(head.size() - kValues.size(), kValues.size(), kValues) == 0) {
    return copy_rows(sql, head.substr(0, head.size() - kValues.size()), columns, rows);
  }
  const size_t per_statement = std::max<size_t>(1, 30000 / columns.size());
  for (size_t start = 0; start < rows; start += per_statement) {
    const size_t end = std::min(rows, start + per_statement);
    std::string query = head;
    int placeholder = 0;
    for (size_t r = start; r < end; ++r) {
      query += r == start ? "(" : ", (";
      for (size_t c = 0; c < columns.size(); ++c) {
        query += (c == 0 ? ":p" : ", :p") + std::to_string(placeholder++);
      }
      query += ")";
    }
    query += tail;
    soci::statement st(sql);
    for (size_t r = start; r < end; ++r) {
      for (const auto& c : columns) {
        if (c.text != nullptr && c.text_indicators != nullptr) {
          st.exchange(soci::use((*c.text)[r], (*c.text_indicators)[r]));
        } else if (c.text != nullptr) {
          st.exchange(soci::use((*c.text)[r]));
        } else if (c.indicators != nullptr) {
          st.exchange(soci::use((*c.number)[r], (*c.indicators)[r]));
        } else {
          st.exchange(soci::use((*c.number)[r]));
        }
      }
    }
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    st.define_and_bind();
    st.execute(true);
  }
}

}  // namespace xueji::store
