#include "adapters/store/run_store.h"

#include "adapters/store/row_readers.h"
#include "adapters/store/student_runs.h"

namespace xueji::store {

RunStore::RunStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

Result<RunProgress> RunStore::run_batch(const StudentRun& run) {
  return pool_->run<RunProgress>("run " + run.id, [&](Connection& c) {
    return run_student_batch(c.sql(), c.postgresql(), run);
  });
}

namespace {

constexpr const char* kRunColumns = "id, kind, scope, started_at, finished_at, changed";

StoredRun run_from(const soci::row& r) {
  StoredRun run;
  run.id = r.get<std::string>(0);
  run.kind = r.get<std::string>(1);
  run.scope = r.get<std::string>(2);
  run.at = optional_instant(r, 3).value_or(Instant());
  run.finished_at = optional_instant(r, 4);
  run.changed = r.get<long long>(5);
  return run;
}

}  // namespace

Result<RunToEnd> RunStore::run_to_end(const StudentRun& run) {
  auto before = find_run(run.id);
  if (!before) return before.error();
  RunProgress progress;
  while (!progress.finished) {
    auto next = run_batch(run);
    if (!next) return next.error();
    progress = *next;
  }
  auto after = find_run(run.id);
  if (!after) return after.error();
  if (!*after) return make_error("store_failed", "run " + run.id + " was not recorded");
  return RunToEnd{std::move(*before), std::move(**after)};
}

Result<std::optional<StoredRun>> RunStore::find_run(const std::string& id) {
  return pool_->run<std::optional<StoredRun>>(
      "find run", [&](Connection& c) -> std::optional<StoredRun> {
        soci::rowset<soci::row> rows =
            (c.sql().prepare << "SELECT " << kRunColumns << " FROM student_runs WHERE id = :id",
             soci::use(id));
        for (const auto& r : rows) return run_from(r);
        return std::nullopt;
      });
}

Result<std::vector<StoredRun>> RunStore::unfinished(const std::string& kind) {
  return pool_->run<std::vector<StoredRun>>("read unfinished runs", [&](Connection& c) {
    std::vector<StoredRun> out;
    soci::rowset<soci::row> rows =
        (c.sql().prepare << "SELECT " << kRunColumns
                         << " FROM student_runs WHERE kind = :k AND finished_at IS NULL "
                            "ORDER BY id",
         soci::use(kind));
    for (const auto& r : rows) out.push_back(run_from(r));
    return out;
  });
}

Result<std::optional<StoredStudent>> RunStore::load_record(const std::string& number) {
  return pool_->run<std::optional<StoredStudent>>(
      "load student", [&](Connection& c) -> std::optional<StoredStudent> {
        soci::rowset<soci::row> rows =
            (c.sql().prepare << "SELECT " << kStudentColumns
                             << ", version FROM students WHERE registration_number = :n",
             soci::use(number));
        for (const auto& r : rows) {
          StoredStudent s;
          s.student = student_from(r);
          s.version = r.get<long long>(r.size() - 1);
          return s;
        }
        return std::nullopt;
      });
}

Result<std::vector<std::string>> RunStore::live_in_grade(const std::string& school, int grade) {
  return pool_->run<std::vector<std::string>>("read a grade's records", [&](Connection& c) {
    std::vector<StudentStatus> live;
    for (StudentStatus status : all_student_statuses()) {
      if (!is_closed(status)) live.push_back(status);
    }
    std::vector<std::string> numbers;
    soci::rowset<std::string> rows =
        (c.sql().prepare << "SELECT registration_number FROM students WHERE school = :s AND "
                            "grade = :g AND status IN ("
                         << sql_status_list(live) << ") ORDER BY registration_number",
         soci::use(school), soci::use(grade));
    for (const auto& number : rows) numbers.push_back(number);
    return numbers;
  });
}

Result<bool> RunStore::corrected(const std::string& number, const std::string& source) {
  return pool_->run<bool>("read student history", [&](Connection& c) {
    long long n = 0;
    c.sql() << "SELECT COUNT(*) FROM student_history WHERE registration_number = :n "
               "AND source = :s",
        soci::use(number), soci::use(source), soci::into(n);
    return n > 0;
  });
}

}  // namespace xueji::store
