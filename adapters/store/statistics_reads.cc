#include "adapters/store/statistics_reads.h"

#include <soci/soci.h>

#include <utility>

namespace xueji::store {

StatisticsReads::StatisticsReads(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<SubtreeFigures> StatisticsReads::subtree(const std::string& scope, const std::string& from,
                                                const std::string& to, const std::string& kind) {
  return pool_->run<SubtreeFigures>("read statistics", [&](Connection& connection) {
    soci::session& sql = connection.sql();
    SubtreeFigures out;
    // Each a range of its table's primary key: (scope, month, kind).
    const std::string any_kind = kind.empty() ? "1" : "0";
    {
      std::string month, k;
      long long decided = 0, on_time = 0, escalations = 0;
      soci::statement st =
          (sql.prepare << "SELECT month, kind, decided, decided_on_time, escalations_received "
                          "FROM statistics_monthly WHERE scope = :s AND month >= :f AND "
                          "month <= :t AND (kind = :k OR :a = '1') ORDER BY month, kind",
           soci::into(month), soci::into(k), soci::into(decided), soci::into(on_time),
           soci::into(escalations), soci::use(scope), soci::use(from), soci::use(to),
           soci::use(kind), soci::use(any_kind));
      st.execute();
      while (st.fetch()) {
        out.months.push_back(MonthFigures{month, k, decided, on_time, escalations, {}});
      }
    }
    {
      std::string month, k;
      int days = 0;
      long long decided = 0;
      soci::statement st =
          (sql.prepare << "SELECT month, kind, working_days, decided FROM "
                          "statistics_decision_days WHERE scope = :s AND month >= :f AND "
                          "month <= :t AND (kind = :k OR :a = '1')",
           soci::into(month), soci::into(k), soci::into(days), soci::into(decided),
           soci::use(scope), soci::use(from), soci::use(to), soci::use(kind), soci::use(any_kind));
      std::map<std::pair<std::string, std::string>, MonthFigures*> by_key;
      for (auto& m : out.months) by_key[{m.month, m.kind}] = &m;
      st.execute();
      while (st.fetch()) {
        auto it = by_key.find({month, k});
        if (it != by_key.end()) it->second->decided_in_days[days] += decided;
      }
    }
    {
      std::string level, k;
      long long open = 0, overdue = 0;
      soci::statement st =
          (sql.prepare << "SELECT level, kind, open_steps, overdue_steps FROM "
                          "statistics_open_steps WHERE scope = :s AND (kind = :k OR :a = '1') "
                          "ORDER BY level, kind",
           soci::into(level), soci::into(k), soci::into(open), soci::into(overdue),
           soci::use(scope), soci::use(kind), soci::use(any_kind));
      st.execute();
      while (st.fetch()) out.open_steps.push_back(OpenStepFigures{level, k, open, overdue});
    }
    return out;
  });
}

}  // namespace xueji::store
