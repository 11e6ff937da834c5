// An org's whole roster read as a stream (ReadModel::each_student_under):
// what an export of a province (Art. 24) writes, a batch at a time.

#include <soci/soci.h>

#include <algorithm>
#include <cctype>

#include "adapters/store/read_model.h"
#include "adapters/store/row_readers.h"

namespace xueji::store {

Result<int64_t> ReadModel::each_student_under(const std::string& org, size_t batch,
                                              const std::function<void(const Student&)>& take) {
  // Org codes are digits (the ministry's, 000000, too): written into the
  // cursor's text, which takes no parameters.
  if (!std::all_of(org.begin(), org.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return make_error("invalid_org", "an org code is digits, not '" + org + "'");
  }
  if (batch == 0) return make_error("invalid_batch", "a roster is read at least a row at a time");
  const std::string query =
      "WITH RECURSIVE subtree(code) AS (SELECT CAST('" + org +
      "' AS TEXT) UNION ALL SELECT orgs.code FROM orgs JOIN subtree ON orgs.parent = "
      "subtree.code) SELECT " +
      std::string(kStudentColumns) +
      " FROM students WHERE school IN (SELECT code FROM subtree) ORDER BY registration_number";
  return pool_->run<int64_t>("read a roster", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    int64_t read = 0;
    if (!connection.postgresql()) {
      // SQLite steps through the rows as they are asked for.
      soci::rowset<soci::row> rows = (sql.prepare << query);
      for (const auto& row : rows) {
        take(student_from(row));
        ++read;
      }
      return read;
    }
    // libpq hands a statement's whole answer over at once: a cursor, in
    // one transaction so every batch sees the same moment, hands a batch.
    soci::transaction tx(sql);
    sql << "DECLARE roster NO SCROLL CURSOR FOR " + query;
    const std::string fetch = "FETCH " + std::to_string(batch) + " FROM roster";
    for (;;) {
      size_t fetched = 0;
      soci::rowset<soci::row> rows = (sql.prepare << fetch);
      for (const auto& row : rows) {
        take(student_from(row));
        ++fetched;
      }
      read += static_cast<int64_t>(fetched);
      if (fetched < batch) break;
    }
    sql << "CLOSE roster";
    tx.commit();
    return read;
  });
}

}  // namespace xueji::store
