#pragma once
// The supervisor's figures a batch of transitions changes
// (engine/case/step_statistics.h) as rows: summed per key, since a
// multi-row upsert may touch a row once, then added to the stored figures
// in the batch's own statement or transaction (batch_rows.h), and read
// back for a view (statistics_reads.cc).

#include <soci/soci.h>

#include <string>
#include <vector>

#include "actors/port/transition.h"
#include "adapters/store/sql_helpers.h"

namespace xueji::store {

struct StatisticsColumns {
  std::vector<std::string> m_scope, m_month, m_kind;
  std::vector<long long> m_decided, m_on_time, m_escalations;
  std::vector<std::string> d_scope, d_month, d_kind;
  std::vector<long long> d_days, d_decided;
  std::vector<std::string> o_scope, o_level, o_kind;
  std::vector<long long> o_open, o_overdue;

  StatisticsColumns() = default;
  explicit StatisticsColumns(const std::vector<Transition>& batch);

  bool has_rows() const { return !m_scope.empty() || !d_scope.empty() || !o_scope.empty(); }
  std::vector<Column> monthly() const {
    return {{&m_scope},
            {&m_month},
            {&m_kind},
            {nullptr, &m_decided},
            {nullptr, &m_on_time},
            {nullptr, &m_escalations}};
  }
  std::vector<Column> days() const {
    return {{&d_scope}, {&d_month}, {&d_kind}, {nullptr, &d_days}, {nullptr, &d_decided}};
  }
  std::vector<Column> open_steps() const {
    return {{&o_scope}, {&o_level}, {&o_kind}, {nullptr, &o_open}, {nullptr, &o_overdue}};
  }
};

// PostgreSQL: the batch statement's parts that add the figures, as
// `name AS (INSERT ... SELECT * FROM unnest(...) ON CONFLICT ... DO UPDATE)`
// with placeholders from `first` on (monthly, days, open steps, in that
// order of columns), joined by ", ".
std::string statistics_upserts(size_t first);

// SQLite: the same upserts, inside the caller's transaction.
void write_statistics(soci::session& sql, const StatisticsColumns& rows);

// Changes to the figures from a whole case's events, for the backfill.
void add_changes(StatisticsColumns& into, const StatisticsChanges& changes);

}  // namespace xueji::store
