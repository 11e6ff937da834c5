#include "adapters/store/sql_helpers.h"

#include <algorithm>

#include "adapters/store/array_statement.h"

namespace xueji::store {
namespace {

// Below this many rows the multi-row VALUES statement is as quick.
constexpr size_t kArrayRows = 256;

// One statement, one array literal per column, one round trip.
void insert_arrays(soci::session& sql, const std::string& into, const std::string& tail,
                   const std::vector<Column>& columns) {
  std::vector<std::string> arrays(columns.size());
  soci::statement st(sql);
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].text != nullptr) {
      append_text_array(arrays[c], *columns[c].text, columns[c].text_indicators);
    } else {
      append_bigint_array(arrays[c], *columns[c].number, columns[c].indicators);
    }
    st.exchange(soci::use(arrays[c]));
  }
  st.alloc();
  st.prepare(into + "SELECT * FROM " + unnest_of(columns) + tail, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(true);
}

}  // namespace

void insert_rows(soci::session& sql, const std::string& head, const std::string& tail,
                 const std::vector<Column>& columns, size_t rows, bool arrays) {
  if (arrays && rows >= kArrayRows && sql.get_backend_name() == "postgresql" && head.size() > 7 &&
      head.compare(head.size() - 7, 7, "VALUES ") == 0) {
    return insert_arrays(sql, head.substr(0, head.size() - 7), tail, columns);
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
