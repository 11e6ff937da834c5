#include "adapters/store/student_rows.h"

#include <algorithm>
#include <optional>

#include "adapters/store/row_readers.h"
#include "adapters/store/sql_helpers.h"
#include "engine/case/student_effect.h"
#include "engine/student/record_history.h"

namespace xueji::store {
namespace {

// The successors of the schools that merged or closed (Art. 12): few rows,
// read only when a change does not fit without them.
SchoolSuccessors read_successors(soci::session& sql) {
  SchoolSuccessors out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT school, successor FROM school_successors");
  for (const auto& r : rows) out.emplace(r.get<std::string>(0), r.get<std::string>(1));
  return out;
}

// apply_student_change(), with the successors read the first time a change
// does not fit without them.
Status apply_change(soci::session& sql, Student& record, const StudentChange& change,
                    std::optional<SchoolSuccessors>& successors) {
  static const SchoolSuccessors none;
  Status fits = apply_student_change(record, change, successors ? *successors : none);
  if (fits || successors) return fits;
  successors = read_successors(sql);
  return apply_student_change(record, change, *successors);
}

Status check_in_order(soci::session& sql, std::map<std::string, StoredStudent>& records,
                      const std::vector<StudentChange>& changes) {
  std::optional<SchoolSuccessors> successors;
  for (const auto& change : changes) {
    auto it = records.find(change.registration_number);
    if (it == records.end()) continue;
    if (Status fits = apply_change(sql, it->second.student, change, successors); !fits) {
      return fits;
    }
  }
  return Status();
}

std::vector<std::string> numbers_of(const std::vector<StudentChange>& changes) {
  std::vector<std::string> numbers;
  for (const auto& c : changes) numbers.push_back(c.registration_number);
  return numbers;
}

// The whole row of `record` as it now is, at its version.
void write_record(soci::session& sql, const StoredStudent& record) {
  const Student& s = record.student;
  std::string status(to_string(s.status)), birth = s.birth_date.to_string(),
                                           gender(to_string(s.gender));
  long long version = record.version;
  int special_needs = s.special_needs ? 1 : 0;
  sql << "UPDATE students SET resident_id = :i, name = :m, school = :c, grade = :g, status = :s, "
         "birth_date = :b, gender = :x, special_needs = :e, version = :v "
         "WHERE registration_number = :n",
      soci::use(s.resident_id), soci::use(s.name), soci::use(s.school), soci::use(s.grade),
      soci::use(status), soci::use(birth), soci::use(gender), soci::use(special_needs),
      soci::use(version), soci::use(s.registration_number);
}

// One history row for each field `change` changed from `before`.
void write_history(soci::session& sql, const Student& before, const StoredStudent& after,
                   const StudentChange& change) {
  long long version = after.version;
  long long at = change.at.unix_seconds();
  for (const auto& entry : history_rows(before, after.student)) {
    sql << "INSERT INTO student_history (registration_number, version, field, old_value, "
           "new_value, source, at) VALUES (:n, :v, :f, :o, :w, :s, :a)",
        soci::use(after.student.registration_number), soci::use(version), soci::use(entry.field),
        soci::use(entry.old_value), soci::use(entry.new_value), soci::use(change.case_id),
        soci::use(at);
  }
}

// `changes` with every retired L number replaced by the G number it became
// (retired_numbers, migrations/0008): the cases opened under an L number
// keep it as their subject and reach the record through it.
std::vector<StudentChange> resolve_renumbered(soci::session& sql,
                                              const std::vector<StudentChange>& changes) {
  std::vector<StudentChange> out = changes;
  if (!names_temporary_number(changes)) return out;
  for (auto& change : out) {
    if (change.registration_number.rfind('L', 0) != 0) continue;
    std::string replaced_by;
    soci::indicator ind = soci::i_null;
    sql << "SELECT replaced_by FROM retired_numbers WHERE number = :n",
        soci::into(replaced_by, ind), soci::use(change.registration_number);
    if (sql.got_data() && ind == soci::i_ok) change.registration_number = replaced_by;
  }
  return out;
}

}  // namespace

bool names_temporary_number(const std::vector<StudentChange>& changes) {
  return std::any_of(changes.begin(), changes.end(), [](const StudentChange& c) {
    return c.registration_number.rfind('L', 0) == 0;
  });
}

std::map<std::string, StoredStudent> select_students(soci::session& sql,
                                                     const std::vector<std::string>& numbers,
                                                     bool lock) {
  std::map<std::string, StoredStudent> out;
  // Chunks keep SQLite under its limit of bound parameters.
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < numbers.size(); start += kChunk) {
    const size_t end = std::min(numbers.size(), start + kChunk);
    const std::string query = std::string("SELECT ") + kStudentColumns +
                              ", version FROM students WHERE registration_number IN (" +
                              placeholders(end - start) +
                              (lock ? ") ORDER BY registration_number FOR UPDATE" : ")");
    each_row_once(
        sql, query,
        [&](soci::statement& st) {
          for (size_t i = start; i < end; ++i) st.exchange(soci::use(numbers[i]));
        },
        [&](const soci::row& r) {
          StoredStudent s{student_from(r), r.get<long long>(kStudentColumnCount)};
          out.emplace(s.student.registration_number, std::move(s));
        });
  }
  return out;
}

void apply_student_changes(soci::session& sql, bool postgresql,
                           const std::vector<StudentChange>& requested) {
  if (requested.empty()) return;
  std::vector<StudentChange> changes = resolve_renumbered(sql, requested);
  // On PostgreSQL the rows are locked until the commit, in one order, so
  // two writers never wait on each other (SQLite has one writer at a time).
  auto records = select_students(sql, numbers_of(changes), postgresql);
  const bool l_missing = std::any_of(changes.begin(), changes.end(), [&](const StudentChange& c) {
    return c.registration_number.rfind('L', 0) == 0 && records.count(c.registration_number) == 0;
  });
  if (l_missing) {
    // A verification committed while this waited for the row's lock moved
    // the record to its G number: resolve again, now that it is visible.
    changes = resolve_renumbered(sql, requested);
    records = select_students(sql, numbers_of(changes), postgresql);
  }
  std::optional<SchoolSuccessors> successors;
  for (const auto& change : changes) {
    auto it = records.find(change.registration_number);
    if (it == records.end()) continue;
    const Student before = it->second.student;
    if (Status fits = apply_change(sql, it->second.student, change, successors); !fits) {
      throw StudentChanged(fits.error().message);
    }
    it->second.version += 1;
    if (!change.fields.empty()) {
      write_record(sql, it->second);
      write_history(sql, before, it->second, change);
      continue;
    }
    soci::indicator status_set = change.status.empty() ? soci::i_null : soci::i_ok;
    soci::indicator school_set = change.school.empty() ? soci::i_null : soci::i_ok;
    sql << "UPDATE students SET status = COALESCE(:s, status), school = COALESCE(:c, school), "
           "version = version + 1 WHERE registration_number = :n",
        soci::use(change.status, status_set), soci::use(change.school, school_set),
        soci::use(change.registration_number);
    write_history(sql, before, it->second, change);
  }
}

std::vector<HistoryEntry> select_history(soci::session& sql, const std::string& number) {
  std::vector<HistoryEntry> out;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT version, field, old_value, new_value, source, at FROM student_history "
              "WHERE registration_number = COALESCE((SELECT replaced_by FROM "
              "retired_numbers WHERE number = :l), :n) ORDER BY version, field",
       soci::use(number), soci::use(number));
  for (const auto& r : rows) {
    HistoryEntry e;
    e.version = r.get<long long>(0);
    e.change = FieldChange{r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)};
    e.source = r.get<std::string>(4);
    e.at = Instant::from_unix_seconds(r.get<long long>(5));
    out.push_back(std::move(e));
  }
  return out;
}

Status explain_student_changes(soci::session& sql, const std::vector<StudentChange>& requested) {
  const std::vector<StudentChange> changes = resolve_renumbered(sql, requested);
  auto records = select_students(sql, numbers_of(changes));
  return check_in_order(sql, records, changes);
}

}  // namespace xueji::store
