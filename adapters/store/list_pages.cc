// ReadModel's lists in pages (issue 17): each a keyset query on an index of
// migration 0011. Row values ((a, b) > (:a, :b)) run alike on PostgreSQL and
// SQLite (3.15 and later), and both walk a composite index from the
// position, so a page deep in a long list costs what the first one does.

#include <soci/soci.h>

#include <cerrno>
#include <cstdlib>

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
    soci::session& sql = connection.sql();
    std::vector<Notice> out;
    std::string query = "SELECT id, org, case_id, kind, at, body FROM notices WHERE org = :o";
    if (!page.after.empty()) query += " AND (at, id) > (:a, :i)";
    query += " ORDER BY at, id" + limit_clause(page);
    soci::statement st(sql);
    st.exchange(soci::use(org));
    if (!page.after.empty()) {
      st.exchange(soci::use(at));
      st.exchange(soci::use(page.after.at(1)));
    }
    Notice n;
    long long n_at = 0;
    std::string body;
    st.exchange(soci::into(n.id));
    st.exchange(soci::into(n.org));
    st.exchange(soci::into(n.case_id));
    st.exchange(soci::into(n.kind));
    st.exchange(soci::into(n_at));
    st.exchange(soci::into(body));
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      Notice each = n;
      each.at = Instant::from_unix_seconds(n_at);
      read_notice_body(body, each);
      out.push_back(std::move(each));
    }
    return out;
  });
  if (!rows) return rows.error();
  return paged(std::move(*rows), page);
}

}  // namespace xueji::store
