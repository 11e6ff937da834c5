#include "adapters/store/statistics_backfill.h"

#include <soci/soci.h>

#include "adapters/store/sql_helpers.h"
#include "adapters/store/statistics_rows.h"
#include "engine/case/event_codec.h"
#include "engine/case/step_statistics.h"

namespace xueji::store {

Result<long long> backfill_statistics(Connection& connection, const DecisionContext& context) {
  soci::session& sql = connection.sql();
  return guarded<long long>("backfill statistics", [&]() -> long long {
    long long pending = 0;
    sql << "SELECT COUNT(*) FROM statistics_backfill", soci::into(pending);
    if (pending == 0) return 0;
    soci::transaction tr(sql);
    StatisticsChanges all;
    long long cases = 0;
    std::string current;
    CaseState state;
    std::vector<CaseEvent> events;
    auto count_case = [&] {
      if (events.empty()) return;
      StatisticsChanges c = statistics_changes(events, state, context);
      all.monthly.insert(all.monthly.end(), c.monthly.begin(), c.monthly.end());
      all.days.insert(all.days.end(), c.days.begin(), c.days.end());
      all.open_steps.insert(all.open_steps.end(), c.open_steps.begin(), c.open_steps.end());
      ++cases;
    };
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT case_id, body FROM case_events ORDER BY case_id, seq");
    for (const auto& row : rows) {
      const std::string id = row.get<std::string>(0);
      if (id != current) {
        count_case();
        current = id;
        state = CaseState();
        state.id = id;
        events.clear();
      }
      auto e = event_from_json(nlohmann::json::parse(row.get<std::string>(1), nullptr, false));
      if (!e) throw std::runtime_error("case " + id + ": " + e.error().message);
      state = evolve(std::move(state), *e);
      events.push_back(std::move(*e));
      // Sum as we go, so memory holds the figures, not every case's changes.
      if (all.monthly.size() + all.days.size() + all.open_steps.size() > 100000) {
        StatisticsColumns columns;
        add_changes(columns, all);
        write_statistics(sql, columns);
        all = StatisticsChanges();
      }
    }
    count_case();
    StatisticsColumns columns;
    add_changes(columns, all);
    write_statistics(sql, columns);
    sql << "DELETE FROM statistics_backfill";
    tr.commit();
    return cases;
  });
}

}  // namespace xueji::store
