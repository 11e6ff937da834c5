#include "adapters/store/statistics_rows.h"

#include <array>
#include <map>
#include <tuple>

#include "adapters/store/array_statement.h"

namespace xueji::store {

namespace {

using Key = std::tuple<std::string, std::string, std::string>;

struct Sums {
  std::map<Key, std::array<long long, 3>> monthly;
  std::map<std::tuple<std::string, std::string, std::string, int>, long long> days;
  std::map<Key, std::array<long long, 2>> open_steps;

  void add(const StatisticsChanges& changes) {
    for (const auto& m : changes.monthly) {
      auto& s = monthly[{m.scope, m.month, m.kind}];
      s[0] += m.decided;
      s[1] += m.decided_on_time;
      s[2] += m.escalations_received;
    }
    for (const auto& d : changes.days)
      days[{d.scope, d.month, d.kind, d.working_days}] += d.decided;
    for (const auto& o : changes.open_steps) {
      auto& s = open_steps[{o.scope, o.level, o.kind}];
      s[0] += o.open;
      s[1] += o.overdue;
    }
  }

  void fill(StatisticsColumns& out) const {
    for (const auto& [key, s] : monthly) {
      out.m_scope.push_back(std::get<0>(key));
      out.m_month.push_back(std::get<1>(key));
      out.m_kind.push_back(std::get<2>(key));
      out.m_decided.push_back(s[0]);
      out.m_on_time.push_back(s[1]);
      out.m_escalations.push_back(s[2]);
    }
    for (const auto& [key, n] : days) {
      out.d_scope.push_back(std::get<0>(key));
      out.d_month.push_back(std::get<1>(key));
      out.d_kind.push_back(std::get<2>(key));
      out.d_days.push_back(std::get<3>(key));
      out.d_decided.push_back(n);
    }
    for (const auto& [key, s] : open_steps) {
      // A step opened and closed in one batch leaves nothing to add.
      if (s[0] == 0 && s[1] == 0) continue;
      out.o_scope.push_back(std::get<0>(key));
      out.o_level.push_back(std::get<1>(key));
      out.o_kind.push_back(std::get<2>(key));
      out.o_open.push_back(s[0]);
      out.o_overdue.push_back(s[1]);
    }
  }
};

constexpr const char* kMonthly =
    "INSERT INTO statistics_monthly (scope, month, kind, decided, decided_on_time, "
    "escalations_received) ";
constexpr const char* kMonthlyAdd =
    " ON CONFLICT (scope, month, kind) DO UPDATE SET "
    "decided = statistics_monthly.decided + excluded.decided, "
    "decided_on_time = statistics_monthly.decided_on_time + excluded.decided_on_time, "
    "escalations_received = statistics_monthly.escalations_received + "
    "excluded.escalations_received";
constexpr const char* kDays =
    "INSERT INTO statistics_decision_days (scope, month, kind, working_days, decided) ";
constexpr const char* kDaysAdd =
    " ON CONFLICT (scope, month, kind, working_days) DO UPDATE SET "
    "decided = statistics_decision_days.decided + excluded.decided";
constexpr const char* kOpen =
    "INSERT INTO statistics_open_steps (scope, level, kind, open_steps, overdue_steps) ";
constexpr const char* kOpenAdd =
    " ON CONFLICT (scope, level, kind) DO UPDATE SET "
    "open_steps = statistics_open_steps.open_steps + excluded.open_steps, "
    "overdue_steps = statistics_open_steps.overdue_steps + excluded.overdue_steps";

}  // namespace

StatisticsColumns::StatisticsColumns(const std::vector<Transition>& batch) {
  Sums sums;
  for (const auto& t : batch) sums.add(t.statistics);
  sums.fill(*this);
}

void add_changes(StatisticsColumns& into, const StatisticsChanges& changes) {
  Sums sums;
  sums.add(changes);
  sums.fill(into);
}

std::string statistics_upserts(size_t first) {
  const StatisticsColumns shape;  // the columns' types, not their rows
  size_t n = first;
  auto part = [&n](const char* name, const char* insert, const std::vector<Column>& columns,
                   const char* add) {
    std::string out =
        std::string(name) + " AS (" + insert + "SELECT * FROM " + unnest_of(columns, n) + add + ")";
    n += columns.size();
    return out;
  };
  return part("monthly_figures", kMonthly, shape.monthly(), kMonthlyAdd) + ", " +
         part("decision_days", kDays, shape.days(), kDaysAdd) + ", " +
         part("open_step_figures", kOpen, shape.open_steps(), kOpenAdd);
}

void write_statistics(soci::session& sql, const StatisticsColumns& rows) {
  // SQLite reads "INSERT ... VALUES (...) ON CONFLICT" without the
  // ambiguity a SELECT before ON CONFLICT has.
  insert_rows(sql, std::string(kMonthly) + "VALUES ", kMonthlyAdd, rows.monthly(),
              rows.m_scope.size());
  insert_rows(sql, std::string(kDays) + "VALUES ", kDaysAdd, rows.days(), rows.d_scope.size());
  insert_rows(sql, std::string(kOpen) + "VALUES ", kOpenAdd, rows.open_steps(),
              rows.o_scope.size());
}

}  // namespace xueji::store
