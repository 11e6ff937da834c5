// An org's roster and its open cases in pages (issue 17), keyset queries
// like those of list_pages.cc: the roster on students (school,
// registration_number) of migration 0020 and (school_parent,
// registration_number) of migration 0033; the open steps on cases
// (active_org, active_due, id) of migration 0027 and (active_authority,
// active_due, id) of migration 0034.

#include <soci/soci.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <tuple>

#include "adapters/store/kept_rows.h"
#include "adapters/store/read_model.h"
#include "adapters/store/row_readers.h"

namespace xueji::store {
namespace {

// A due date after every real one: the overdue list's query without its
// cut is the list of every open step, read from the same indexes.
constexpr const char* kAfterEveryDueDate = "9999-12-31";

// Whether `org` has no orgs below it (a school): its rows are its own.
// The ministry is no row of orgs but has orgs below it. Kept, and planned
// as the kept page that follows it is (no switch between them): as a
// one-time query it was parsed and planned at every page, its plan costing
// PostgreSQL three times its run (144 plans in 144 reads, 0.11 ms against
// 0.03 ms: pg_stat_statements, session 56).
bool is_leaf(Connection& connection, const std::string& org) {
  bool below = false;
  run_kept(connection, "SELECT 1 FROM orgs WHERE parent = :o LIMIT 1", {org}, 1,
           [&](const std::vector<std::string>&) { below = true; });
  return !below;
}

// The walk down the orgs above the schools (index orgs_parent_above_schools).
constexpr const char* kAboveTheSchools =
    "WITH RECURSIVE above(code) AS (SELECT CAST(:o AS TEXT) UNION ALL "
    "SELECT orgs.code FROM orgs JOIN above ON orgs.parent = above.code "
    "WHERE orgs.level <> 'school') ";

// The first `rows` numbers after `:k` of the records whose school's parent
// is `parent`: from the index alone (PostgreSQL's visibility map allowing),
// no row read.
std::string first_numbers_after(const std::string& parent, int rows) {
  return "SELECT registration_number FROM students WHERE school_parent = " + parent +
         " AND registration_number > :k ORDER BY registration_number LIMIT " + std::to_string(rows);
}

// The orgs of `org`'s subtree that schools belong to, `org` first
// (school_parents_under()): on SQLite, the walk of a page above a school.
std::vector<std::string> school_parents_of(soci::session& sql, const std::string& org) {
  std::vector<std::string> codes;
  soci::rowset<std::string> walk = (sql.prepare << school_parents_under(), soci::use(org));
  for (const auto& code : walk) codes.push_back(code);
  return codes;
}

// Merges `own`, in order, into `page`, in order, keeping the first
// `wanted`: a page above a school made from a page of each org.
template <typename Row, typename Less>
void keep_first(std::vector<Row>& page, std::vector<Row> own, size_t wanted, Less less) {
  const auto merged = static_cast<std::ptrdiff_t>(page.size());
  page.insert(page.end(), std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()));
  std::inplace_merge(page.begin(), page.begin() + merged, page.end(), less);
  if (page.size() > wanted) page.resize(wanted);
}

// The first `rows` open steps of `from` whose party `whose` names (with
// `:a`), due before `:d`, of `kind` unless it is empty, after (`:k`, `:i`)
// if `after`, in order. The kind is written into the statement, not bound:
// a partial index (migration 0035's, of the dropout ledger's follow-ups)
// serves a statement only when its terms imply the index's, and a bound
// value implies nothing to SQLite or to a generic plan of PostgreSQL's.
std::string open_steps_where(const std::string& from, const std::string& whose, int rows,
                             const std::string& kind, bool after) {
  std::string q = std::string("SELECT ") + kActiveStepColumns + " FROM " + from + " WHERE " +
                  kOpenStep + " AND " + whose + " AND active_due < :d";
  if (!kind.empty()) {
    std::string literal;
    for (const char c : kind) literal += c == '\'' ? std::string("''") : std::string(1, c);
    q += " AND kind = '" + literal + "'";
  }
  if (after) q += " AND (active_due, id) > (:k, :i)";
  return q + " ORDER BY active_due, id LIMIT " + std::to_string(rows);
}

}  // namespace

// Each step's authority is looked up by orgs' key as the steps are read in
// due order, and the read stops at the page's end. As a join, PostgreSQL
// weighed the steps against orgs' level: nearly every org is a school, so
// it expected few steps to pass and planned to hash all 624,403 orgs and
// sort, 207-227 ms a page of the ledger's follow-ups (10,309 of a million
// open steps); as EXISTS, it hashed the 4,402 orgs above the schools,
// 8-10 ms a page. A scalar subquery is neither joined nor hashed.
std::string steps_of_every_authority(int rows, bool after, const std::string& kind) {
  return open_steps_where(
      "cases",
      "(active_authority = :a OR (SELECT level FROM orgs WHERE code = active_authority) <> "
      "'school')",
      rows, kind, after);
}

std::string steps_of_authority(int rows, bool after, const std::string& kind) {
  return open_steps_where("cases", "active_authority = :a", rows, kind, after);
}

std::string steps_of_authorities_under(int rows, bool after, const std::string& kind) {
  std::string of_each = steps_of_authority(rows, after, kind);
  of_each.replace(of_each.find(":a"), 2, "above.code");
  return std::string(kAboveTheSchools) + "SELECT steps.* FROM above CROSS JOIN LATERAL (" +
         of_each + ") steps ORDER BY active_due, id LIMIT " + std::to_string(rows);
}

std::string school_parents_under() {
  return std::string(kAboveTheSchools) + "SELECT code FROM above";
}

std::string numbers_of_school_parent(int rows) { return first_numbers_after(":p", rows); }

std::string students_under_school_parents(int rows) {
  return std::string(kAboveTheSchools) +
         ", page AS (SELECT own.registration_number FROM above CROSS JOIN LATERAL (" +
         first_numbers_after("above.code", rows) + ") own ORDER BY registration_number LIMIT " +
         std::to_string(rows) + ") SELECT " + kStudentColumns +
         " FROM students WHERE registration_number IN (SELECT registration_number FROM page) "
         "ORDER BY registration_number";
}

Result<Page<Student>> ReadModel::students_page(const std::string& org, const PageQuery& page) {
  // Every number sorts after "": the first page's position.
  const std::string after = page.after.empty() ? std::string() : page.after.at(0);
  const size_t wanted = static_cast<size_t>(page.limit) + 1;
  const std::string limit = " ORDER BY registration_number LIMIT " + std::to_string(wanted);
  auto rows = pool_->run<std::vector<Student>>("load a roster", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    std::vector<Student> out;
    // Both pages on PostgreSQL kept, as is_leaf is: planned at every read,
    // a school's page cost PostgreSQL six times its run to plan (12 plans
    // in 12 reads), one above a school 0.38 ms a plan (session 56).
    const auto keep_row = [&out](const std::vector<std::string>& row) {
      out.push_back(student_from(row));
    };
    // A school reads its own rows in order from (school,
    // registration_number), a page costing what the first one does.
    if (is_leaf(connection, org)) {
      run_kept(connection,
               std::string("SELECT ") + kStudentColumns +
                   " FROM students WHERE school = :o AND registration_number > :k" + limit,
               {org, after}, kStudentColumnCount, keep_row);
      return out;
    }
    // Above a school, each org of the subtree that schools belong to (the
    // org itself, its cities and counties: migration 0033) gives its first
    // numbers after the position from (school_parent, registration_number);
    // the first limit + 1 of those are the page, and only their rows are
    // read. A page costs at most a page of index entries per such org, not
    // the subtree's rows after the position.
    if (connection.postgresql()) {
      run_kept(connection, students_under_school_parents(page.limit + 1), {org, after},
               kStudentColumnCount, keep_row);
      return out;
    }
    // SQLite has no LATERAL: the same reads, a statement for the walk, one
    // prepared for each org's numbers, one for the page's records.
    const std::vector<std::string> codes = school_parents_of(sql, org);
    std::vector<std::string> numbers, own(wanted);
    std::string code;
    soci::statement first = (sql.prepare << numbers_of_school_parent(page.limit + 1),
                             soci::into(own), soci::use(code), soci::use(after));
    for (const auto& each : codes) {
      code = each;
      own.resize(wanted);
      if (!first.execute(true)) continue;
      keep_first(numbers, own, wanted, std::less<>());
    }
    if (numbers.empty()) return out;
    std::string in;
    for (size_t i = 0; i < numbers.size(); ++i) in += (i == 0 ? ":n" : ", :n") + std::to_string(i);
    auto records = (sql.prepare << "SELECT " << kStudentColumns
                                << " FROM students WHERE registration_number IN (" << in
                                << ") ORDER BY registration_number");
    for (const auto& number : numbers) records, soci::use(number);
    soci::rowset<soci::row> found(records);
    for (const auto& row : found) out.push_back(student_from(row));
    return out;
  });
  if (!rows) return rows.error();
  return paged(std::move(*rows), page);
}

Result<Page<ActiveStep>> ReadModel::overdue_page(const std::string& org,
                                                 const std::string& due_before,
                                                 const PageQuery& page, const std::string& kind) {
  const size_t wanted = static_cast<size_t>(page.limit) + 1;
  const bool after = !page.after.empty();
  const auto params_after = [&](std::vector<std::string> params) {
    params.push_back(due_before);
    if (after) {
      params.push_back(page.after.at(0));
      params.push_back(page.after.at(1));
    }
    return params;
  };
  auto rows = pool_->run<std::vector<ActiveStep>>("load overdue steps", [&](Connection& c) {
    // A school reads its own steps in order from cases_overdue_org. The
    // planner could not know that a school's subtree is the school alone.
    if (is_leaf(c, org)) {
      return kept_active_steps(
          c, open_steps_where("cases", "active_org = :a", page.limit + 1, kind, after),
          params_after({org}));
    }
    // The ministry's subtree is the whole tree: every step whose authority
    // is an org above the schools (a step at a school the tree lacks is in
    // no subtree), or the ministry itself. Its page is the first steps
    // after the position of cases_overdue, each one's authority looked up:
    // a national tree has ~4,000 authorities, and a page from each of them
    // read 145-223 ms at a million open steps, against 1-2 ms this way. The
    // dropout ledger's follow-ups (Art. 17) come the same way from their
    // own index (migration 0035), however few they are among the steps.
    if (org == OrgTree::kMinistryCode) {
      return kept_active_steps(c, steps_of_every_authority(page.limit + 1, after, kind),
                               params_after({org}));
    }
    // Above a school, each authority of the subtree (the org itself, its
    // cities and counties) gives its first steps after the position from
    // cases_overdue_authority (a kind's from its own index), and the first
    // limit + 1 of those are the page: at most a page of index entries per
    // authority, not the subtree's steps after the position.
    if (c.postgresql()) {
      return kept_active_steps(c, steps_of_authorities_under(page.limit + 1, after, kind),
                               params_after({org}));
    }
    // SQLite has no LATERAL: a statement for the walk, and one, kept, for
    // each authority's steps.
    const std::string of_each = steps_of_authority(page.limit + 1, after, kind);
    const auto sooner = [](const ActiveStep& a, const ActiveStep& b) {
      return std::tie(a.due, a.case_id) < std::tie(b.due, b.case_id);
    };
    std::vector<ActiveStep> out;
    for (const auto& code : school_parents_of(c.sql(), org)) {
      keep_first(out, kept_active_steps(c, of_each, params_after({code})), wanted, sooner);
    }
    return out;
  });
  if (!rows) return rows.error();
  return paged(std::move(*rows), page);
}

Result<Page<ActiveStep>> ReadModel::open_steps_page(const std::string& org, const PageQuery& page,
                                                    const std::string& kind) {
  return overdue_page(org, kAfterEveryDueDate, page, kind);
}

}  // namespace xueji::store
