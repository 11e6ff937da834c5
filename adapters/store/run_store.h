#pragma once
// The runs over many students (engine/student/student_run.h) as the HTTP
// routes reach them, over the shared pool: a batch of a run (the same
// run_student_batch() the SQL journal's run_batch() runs), a run's row read
// back, and what a correction after it needs to know.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/port/journal.h"
#include "adapters/store/connection_pool.h"
#include "engine/student/student_run.h"

namespace xueji::store {

// A run as student_runs records it.
struct StoredRun {
  std::string id;
  std::string kind;
  std::string scope;
  Instant at;  // the run's instant (started_at)
  std::optional<Instant> finished_at;
  int64_t changed = 0;
};

// A run taken to its end: as stored before (none when it is new) and after.
struct RunToEnd {
  std::optional<StoredRun> before;
  StoredRun after;
};

class RunStore {
 public:
  explicit RunStore(std::shared_ptr<ConnectionPool> pool);

  // One batch of `run` past its recorded progress, in one transaction
  // (actors/port/journal.h, run_batch).
  Result<RunProgress> run_batch(const StudentRun& run);
  // `run` batch by batch to its end: a new run starts, an interrupted one
  // resumes where its last batch ended, a finished one changes nothing.
  // "store_failed" when its row is missing afterwards.
  Result<RunToEnd> run_to_end(const StudentRun& run);
  Result<std::optional<StoredRun>> find_run(const std::string& id);
  // The runs of `kind` ("promotion", "graduation") started and not
  // finished, by id: what a server resumes at start (Art. 7).
  Result<std::vector<StoredRun>> unfinished(const std::string& kind);
  // A record and its version, read together (a correction's
  // compare-and-set rests on both).
  Result<std::optional<StoredStudent>> load_record(const std::string& number);
  // The registration numbers of the live (not closed) records in `grade`
  // at `school`, in order: those a graduation run left for a case each.
  Result<std::vector<std::string>> live_in_grade(const std::string& school, int grade);
  // Whether `number`'s grade history holds a row from `source`.
  Result<bool> corrected(const std::string& number, const std::string& source);

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace xueji::store
