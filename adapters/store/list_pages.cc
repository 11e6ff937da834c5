// ReadModel's lists in pages (issue 17): each a keyset query on an index of
// migration 0011. Row values ((a, b) > (:a, :b)) run alike on PostgreSQL and
// SQLite (3.15 and later), and both walk a composite index from the
// position, so a page deep in a long list costs what the first one does.

#include <soci/soci.h>

#include <cerrno>
#include <cstdlib>

#include "adapters/store/kept_rows.h"
#include "adapters/store/read_model.h"
#include "adapters/store/row_readers.h"

namespace xueji::store {
namespace {

// One more row than the page holds: whether it comes says whether more follow.
std::string limit_clause(const PageQuery& page) {
  return " LIMIT " + std::to_string(page.limit + 1);
}

}  // namespace

Result<Page<ActiveStep>> ReadModel::pending_page(const std::string& org, const PageQuery& page) {
  // An OR of the two columns would read neither index in order: each side
  // reads its own index from the position and the two merge in order,
  // keeping the first limit + 1. The holder's side takes only the steps
  // held by another org than their party (an escalation, Art. 15), so no
  // step comes from both sides: the predicate is migration 0029's index's.
  std::vector<std::string> params;
  // Each placeholder is named once: SQLite's binding takes a repeated
  // name for one parameter.
  const auto side = [&](const std::string& column, const char* only) {
    std::string q = std::string("SELECT ") + kActiveStepColumns + " FROM cases WHERE " + kOpenStep +
                    only + " AND " + column + " = :" + column;
    params.push_back(org);
    if (!page.after.empty()) {
      q += " AND (holder_due, id) > (:" + column + "_due, :" + column + "_id)";
      params.push_back(page.after.at(0));
      params.push_back(page.after.at(1));
    }
    return "SELECT * FROM (" + q + " ORDER BY holder_due, id" + limit_clause(page) + ") " + column +
           "_side";
  };
  const std::string own = side("active_org", "");  // binds first, so built first
  const std::string held = side("holder", " AND holder <> active_org");
  const std::string query = "SELECT " + std::string(kActiveStepColumns) + " FROM (" + own +
                            " UNION ALL " + held + ") steps ORDER BY holder_due, id" +
                            limit_clause(page);
  // Planned once without its values: the plan is the two index walks
  // whatever the org, but for a school with 100,000 open cases PostgreSQL
  // priced it above a plan made with the values and planned every read
  // anew, the planning costing more than the read (pg_stat_statements,
  // session 55).
  auto rows = pool_->run<std::vector<ActiveStep>>("load pending steps", [&](Connection& c) {
    return kept_active_steps(c, query, params, Connection::Plans::by_key);
  });
  if (!rows) return rows.error();
  return paged(std::move(*rows), page);
}

Result<Page<Notice>> ReadModel::notices_page(const std::string& org, const PageQuery& page) {
  long long at = 0;
  if (!page.after.empty()) {
    const std::string& text = page.after.at(0);
    char* end = nullptr;
    errno = 0;
    at = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0) {
      return make_error("invalid_cursor", "query parameter 'cursor' holds no notice's instant");
    }
  }
  auto rows = pool_->run<std::vector<Notice>>("load notices", [&](Connection& connection) {
    // Kept, and planned by its key as the pending page is: the walk of
    // notices (org, at, id) from the position, whatever the org. As a
    // one-time query it was parsed and planned at every page, its plan
    // costing PostgreSQL twice its run (48 plans in 48 reads:
    // pg_stat_statements, session 56).
    std::string query = "SELECT id, org, case_id, kind, at, body FROM notices WHERE org = :o";
    std::vector<std::string> params = {org};
    if (!page.after.empty()) {
      query += " AND (at, id) > (CAST(:a AS BIGINT), :i)";
      params.push_back(std::to_string(at));
      params.push_back(page.after.at(1));
    }
    query += " ORDER BY at, id" + limit_clause(page);
    std::vector<Notice> out;
    run_kept(
        connection, query, params, 6,
        [&](const std::vector<std::string>& row) {
          Notice each;
          each.id = row[0];
          each.org = row[1];
          each.case_id = row[2];
          each.kind = row[3];
          each.at = Instant::from_unix_seconds(std::stoll(row[4]));
          read_notice_body(row[5], each);
          out.push_back(std::move(each));
        },
        Connection::Plans::by_key);
    return out;
  });
  if (!rows) return rows.error();
  return paged(std::move(*rows), page);
}

}  // namespace xueji::store
