#include "adapters/store/unfinished_runs.h"

#include "adapters/store/row_readers.h"

namespace xueji::store {

Result<std::vector<StoredRun>> unfinished_runs(ConnectionPool& pool, const std::string& kind) {
  return pool.run<std::vector<StoredRun>>("read unfinished runs", [&](Connection& c) {
    std::vector<StoredRun> out;
    soci::rowset<soci::row> rows =
        (c.sql().prepare << "SELECT id, kind, scope, started_at, changed FROM student_runs "
                            "WHERE kind = :k AND finished_at IS NULL ORDER BY id",
         soci::use(kind));
    for (const auto& r : rows) {
      StoredRun run;
      run.id = r.get<std::string>(0);
      run.kind = r.get<std::string>(1);
      run.scope = r.get<std::string>(2);
      run.at = optional_instant(r, 3).value_or(Instant());
      run.changed = r.get<long long>(4);
      out.push_back(std::move(run));
    }
    return out;
  });
}

}  // namespace xueji::store
