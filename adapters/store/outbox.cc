#include "adapters/store/outbox.h"

#include <soci/soci.h>

#include "adapters/store/row_readers.h"

namespace xueji::store {

const char* const kCountUndeliveredNotices =
    "SELECT COUNT(*) FROM notices WHERE delivered_at IS NULL";

std::string undelivered_notices_query(size_t orgs, size_t limit) {
  std::string query =
      "SELECT id, org, case_id, kind, at, body FROM notices WHERE delivered_at IS NULL AND org "
      "IN (";
  for (size_t i = 0; i < orgs; ++i) query += i == 0 ? ":o0" : ", :o" + std::to_string(i);
  return query + ") ORDER BY at, id LIMIT " + std::to_string(limit);
}

Outbox::Outbox(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<std::vector<Notice>> Outbox::undelivered_notices(const std::vector<std::string>& orgs,
                                                        size_t limit) {
  return pool_->run<std::vector<Notice>>("load undelivered notices", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    std::vector<Notice> out;
    if (orgs.empty()) return out;
    const std::string query = undelivered_notices_query(orgs.size(), limit);
    soci::statement st(sql);
    for (const auto& org : orgs) st.exchange(soci::use(org));
    std::string id, org, case_id, kind, body;
    long long at = 0;
    st.exchange(soci::into(id));
    st.exchange(soci::into(org));
    st.exchange(soci::into(case_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(at));
    st.exchange(soci::into(body));
    st.alloc();
    st.prepare(query, soci::details::st_one_time_query);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) {
      Notice n;
      n.id = id;
      n.org = org;
      n.case_id = case_id;
      n.kind = kind;
      n.at = Instant::from_unix_seconds(at);
      read_notice_body(body, n);
      out.push_back(std::move(n));
    }
    return out;
  });
}

Result<bool> Outbox::mark_delivered(const std::string& notice_id, Instant at) {
  return pool_->run<bool>("mark a notice delivered", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    const long long when = at.unix_seconds();
    soci::statement st = (sql.prepare << "UPDATE notices SET delivered_at = :a WHERE id = :i AND "
                                         "delivered_at IS NULL",
                          soci::use(when), soci::use(notice_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

}  // namespace xueji::store
