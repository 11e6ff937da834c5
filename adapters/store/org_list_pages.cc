// An org's roster and its open cases in pages (issue 17), keyset queries
// like those of list_pages.cc: the roster on students (school,
// registration_number) of migration 0020, the open cases on the partial
// indexes of migration 0011 that the overdue list reads.

#include <soci/soci.h>

#include "adapters/store/read_model.h"
#include "adapters/store/row_readers.h"

namespace xueji::store {
namespace {

// A due date after every real one: the overdue list's query without its
// cut is the list of every open step, read from the same indexes.
constexpr const char* kAfterEveryDueDate = "9999-12-31";

// Whether `org` has no orgs below it (a school): its rows are its own.
// The ministry is no row of orgs but has orgs below it.
bool is_leaf(soci::session& sql, const std::string& org) {
  int below = 0;
  soci::indicator none = soci::i_ok;
  sql << "SELECT 1 FROM orgs WHERE parent = :o LIMIT 1", soci::use(org), soci::into(below, none);
  return !sql.got_data();
}

}  // namespace

Result<Page<Student>> ReadModel::students_page(const std::string& org, const PageQuery& page) {
  auto rows = pool_->run<std::vector<Student>>("load a roster", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    // A school reads its own rows in order from (school,
    // registration_number), a page costing what the first one does.
    // Above it, the subtree is walked down the orgs' parent column and its
    // schools' records after the position are read and the first limit + 1
    // kept (PostgreSQL 15 hash-joins the primary key's range, SQLite reads
    // each school's range of the index): a page costs the subtree's rows
    // after the position, the price overdue_page pays too.
    std::string query =
        is_leaf(sql, org)
            ? std::string("SELECT ") + kStudentColumns + " FROM students WHERE school = :o"
            : "WITH RECURSIVE subtree(code) AS (SELECT CAST(:o AS TEXT) UNION ALL "
              "SELECT orgs.code FROM orgs JOIN subtree ON orgs.parent = subtree.code) "
              "SELECT " +
                  std::string(kStudentColumns) +
                  " FROM students WHERE school IN (SELECT code FROM subtree)";
    // Every number sorts after "": the first page's position.
    query += " AND registration_number > :k ORDER BY registration_number LIMIT " +
             std::to_string(page.limit + 1);
    const std::string after = page.after.empty() ? std::string() : page.after.at(0);
    std::vector<Student> out;
    soci::rowset<soci::row> found = (sql.prepare << query, soci::use(org), soci::use(after));
    for (const auto& row : found) out.push_back(student_from(row));
    return out;
  });
  if (!rows) return rows.error();
  Page<Student> out;
  out.has_more = rows->size() > static_cast<size_t>(page.limit);
  if (out.has_more) rows->resize(static_cast<size_t>(page.limit));
  out.rows = std::move(*rows);
  return out;
}

Result<Page<ActiveStep>> ReadModel::open_steps_page(const std::string& org, const PageQuery& page,
                                                    const std::string& kind) {
  return overdue_page(org, kAfterEveryDueDate, page, kind);
}

}  // namespace xueji::store
