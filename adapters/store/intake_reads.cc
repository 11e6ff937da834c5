// The read model's bulk lookups for a batch of registrations (the
// September intake): one query per thousand rows instead of two per row,
// which is what lets a term's entrants load at a rate near COPY's.

#include <soci/soci.h>

#include <algorithm>

#include "adapters/store/read_model.h"
#include "adapters/store/row_readers.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/student_rows.h"

namespace xueji::store {
namespace {

// Keys go into the query as literals, so only those that could name a row
// do: resident IDs and registration numbers are digits, capitals and X;
// anything else names no stored row (every stored one was validated).
bool plain_key(const std::string& key) {
  if (key.empty() || key.size() > 24) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == 'x')) return false;
  }
  return true;
}

constexpr size_t kKeysPerQuery = 1000;

Result<std::vector<Student>> students_where(ConnectionPool& pool, const std::string& column,
                                            const std::vector<std::string>& keys,
                                            const std::string& also) {
  std::vector<std::string> plain;
  for (const auto& k : keys) {
    if (plain_key(k)) plain.push_back(k);
  }
  return pool.run<std::vector<Student>>("find students in bulk", [&](Connection& connection) {
    std::vector<Student> out;
    soci::session& sql = connection.sql();
    const auto each = [&](const soci::row& r) { out.push_back(student_from(r)); };
    for (size_t from = 0; from < plain.size(); from += kKeysPerQuery) {
      const size_t to = std::min(plain.size(), from + kKeysPerQuery);
      if (connection.postgresql()) {
        // The keys as one array joined in: the planner estimates the
        // array whole, where an IN list of a thousand literals cost it a
        // selectivity each (half the intake's reads, docs/performance.md).
        std::string wanted = "{";
        for (size_t i = from; i < to; ++i) wanted += (i == from ? "" : ",") + plain[i];
        wanted += "}";
        each_row_once(
            sql,
            std::string("SELECT ") + kStudentColumns +
                " FROM unnest(CAST(:keys AS text[])) AS wanted(key) JOIN students ON " + column +
                " = wanted.key WHERE TRUE" + also,
            [&](soci::statement& st) { st.exchange(soci::use(wanted)); }, each);
        continue;
      }
      std::string list;
      for (size_t i = from; i < to; ++i) list += (i == from ? "'" : ",'") + plain[i] + "'";
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT " << kStudentColumns << " FROM students WHERE " << column
                       << " IN (" << list << ")" << also);
      for (const auto& r : rows) each(r);
    }
    return out;
  });
}

}  // namespace

Result<std::vector<Student>> ReadModel::live_students_of(const std::vector<std::string>& ids) {
  // As the live index's predicate says it, so that index answers.
  return students_where(
      *pool_, "resident_id", ids,
      " AND resident_id <> '' AND status NOT IN (" + sql_status_list(closed_statuses()) + ")");
}

Result<std::vector<Student>> ReadModel::students_of(const std::vector<std::string>& numbers) {
  return students_where(*pool_, "registration_number", numbers, "");
}

}  // namespace xueji::store
