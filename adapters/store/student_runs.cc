#include "adapters/store/student_runs.h"

#include <stdexcept>

#include "adapters/store/row_readers.h"

namespace xueji::store {
namespace {

// `codes` as an SQL list of literals. School codes are digits (the org
// tree checks them) and a run's exceptions registration numbers
// (graduation_run() checks them), so quoting is all they need.
std::string code_list(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) {
    if (code.find('\'') != std::string::npos) throw std::invalid_argument("bad code " + code);
    out += (out.empty() ? "'" : ", '") + code + "'";
  }
  return out.empty() ? "NULL" : out;
}

// The registration numbers with a live case (a step waiting, a term
// running) of a kind that holds the record, under the number they were
// opened with or the G number a verified L number became (Art. 8).
std::string live_case_subjects(const StudentRun& run) {
  const std::string held =
      run.unheld_by.empty() ? "" : " AND c.kind NOT IN (" + code_list(run.unheld_by) + ")";
  return "SELECT c.subject FROM cases c WHERE c.status IN ('open', 'in_term')" + held +
         " UNION SELECT r.replaced_by FROM retired_numbers r JOIN cases c ON c.subject = "
         "r.number WHERE c.status IN ('open', 'in_term')" +
         held;
}

// The records the run takes (engine/student/student_run.h: takes()), as a
// WHERE clause over students. Grades are numbers, statuses the engine's
// own names and schools the tree's codes: written into the text, so the
// statement has few parameters on both backends. A run binds its code
// prefix as a pattern; a listed one also names its schools.
std::string taken_by(const StudentRun& run) {
  std::string grades;
  for (int g : run.grades) grades += (grades.empty() ? "" : ", ") + std::to_string(g);
  std::string taken = "grade IN (" + (grades.empty() ? "NULL" : grades) + ")";
  // Art. 7: 6 -> 7 and 9 -> 10 inside a school that teaches both stages.
  for (const auto& extra : run.extra_grades) {
    taken += " OR (grade = " + std::to_string(extra.grade) + " AND school IN (" +
             code_list(extra.schools) + "))";
  }
  const std::string statuses = sql_status_list(run.statuses);
  std::string where =
      "school LIKE :scope" +
      (run.listed ? " AND school IN (" + code_list(run.schools) + ")" : std::string()) + " AND (" +
      taken + ") AND status IN (" + (statuses.empty() ? "NULL" : statuses) + ")";
  if (!run.except.empty()) {
    where += " AND registration_number NOT IN (" + code_list(run.except) + ")";
  }
  if (run.skip_open_cases) {
    where += " AND registration_number NOT IN (" + live_case_subjects(run) + ")";
  }
  return where;
}

}  // namespace

RunProgress run_student_batch(soci::session& sql, bool postgresql, const StudentRun& run) {
  soci::transaction tr(sql);
  RunProgress progress;
  long long changed = 0, finished_at = 0;
  soci::indicator finished = soci::i_null;
  // Locked on PostgreSQL: two runners of one run take turns, never the same batch.
  sql << std::string("SELECT last_number, changed, finished_at FROM student_runs WHERE id = :id") +
             (postgresql ? " FOR UPDATE" : ""),
      soci::use(run.id), soci::into(progress.last_number), soci::into(changed),
      soci::into(finished_at, finished);
  const long long at = run.at.unix_seconds();
  if (!sql.got_data()) {
    sql << "INSERT INTO student_runs (id, kind, scope, started_at, finished_at, last_number, "
           "changed) VALUES (:id, :kind, :scope, :at, NULL, '', 0)",
        soci::use(run.id), soci::use(run.kind), soci::use(run.scope), soci::use(at);
    progress.last_number.clear();
    changed = 0;
  } else if (finished == soci::i_ok) {
    tr.commit();
    return RunProgress{changed, progress.last_number, true};
  }
  const std::string scope = run.prefix + "%";
  const std::string where = taken_by(run);
  std::string upto;
  soci::indicator upto_set = soci::i_null;
  const int batch = run.batch;
  sql << "SELECT MAX(registration_number) FROM (SELECT registration_number FROM students "
         "WHERE registration_number > :last AND " +
             where + " ORDER BY registration_number LIMIT :n) AS b",
      soci::use(progress.last_number), soci::use(scope), soci::use(batch),
      soci::into(upto, upto_set);
  if (upto_set != soci::i_ok) {
    sql << "UPDATE student_runs SET finished_at = :at WHERE id = :id", soci::use(at),
        soci::use(run.id);
    tr.commit();
    return RunProgress{changed, progress.last_number, true};
  }
  const int step = run.grade_step;
  const std::string range = "registration_number > :last AND registration_number <= :upto AND ";
  std::string also_set;  // the status, the school: what the run sets besides the grade
  if (run.to_status) {
    // One record for life (Art. 8, 19): the status each record held stays
    // in its history, written before the update that replaces it.
    const std::string to(to_string(*run.to_status));
    also_set = ", status = '" + to + "'";
    sql << "INSERT INTO student_history (registration_number, version, field, old_value, "
           "new_value, source, at) SELECT registration_number, version + 1, 'status', status, "
           ":to, :source, :at FROM students WHERE " +
               range + where,
        soci::use(to), soci::use(run.id), soci::use(at), soci::use(progress.last_number),
        soci::use(upto), soci::use(scope);
  }
  if (run.to_school) {
    // Art. 12: likewise the school each record leaves, a code of digits.
    also_set += ", school = " + code_list({*run.to_school});
    sql << "INSERT INTO student_history (registration_number, version, field, old_value, "
           "new_value, source, at) SELECT registration_number, version + 1, 'school', school, "
           ":to, :source, :at FROM students WHERE " +
               range + where,
        soci::use(*run.to_school), soci::use(run.id), soci::use(at),
        soci::use(progress.last_number), soci::use(upto), soci::use(scope);
  }
  soci::statement update =
      (sql.prepare << "UPDATE students SET grade = grade + :step" + also_set +
                          ", version = version + 1 WHERE " + range + where,
       soci::use(step), soci::use(progress.last_number), soci::use(upto), soci::use(scope));
  update.execute(true);
  changed += update.get_affected_rows();
  sql << "UPDATE student_runs SET last_number = :upto, changed = :changed WHERE id = :id",
      soci::use(upto), soci::use(changed), soci::use(run.id);
  tr.commit();
  return RunProgress{changed, upto, false};
}

}  // namespace xueji::store
