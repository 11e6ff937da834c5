#include "adapters/store/student_rows.h"

#include "adapters/store/row_readers.h"
#include "engine/case/student_effect.h"

namespace xueji::store {
namespace {

Status check_in_order(std::map<std::string, StoredStudent>& records,
                      const std::vector<StudentChange>& changes) {
  for (const auto& change : changes) {
    auto it = records.find(change.registration_number);
    if (it == records.end()) continue;
    if (Status fits = apply_student_change(it->second.student, change); !fits) return fits;
  }
  return Status();
}

std::vector<std::string> numbers_of(const std::vector<StudentChange>& changes) {
  std::vector<std::string> numbers;
  for (const auto& c : changes) numbers.push_back(c.registration_number);
  return numbers;
}

}  // namespace

std::map<std::string, StoredStudent> select_students(soci::session& sql,
                                                     const std::vector<std::string>& numbers,
                                                     bool lock) {
  std::map<std::string, StoredStudent> out;
  // Chunks keep SQLite under its limit of bound parameters.
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < numbers.size(); start += kChunk) {
    const size_t end = std::min(numbers.size(), start + kChunk);
    std::string query = std::string("SELECT ") + kStudentColumns +
                        ", version FROM students WHERE registration_number IN (";
    for (size_t i = start; i < end; ++i) {
      query += (i == start ? ":p" : ", :p") + std::to_string(i - start);
    }
    query += lock ? ") ORDER BY registration_number FOR UPDATE" : ")";
    auto prepared = (sql.prepare << query);
    for (size_t i = start; i < end; ++i) prepared, soci::use(numbers[i]);
    soci::rowset<soci::row> rows(prepared);
    for (const auto& r : rows) {
      StoredStudent s{student_from(r), r.get<long long>(8)};
      out.emplace(s.student.registration_number, std::move(s));
    }
  }
  return out;
}

void apply_student_changes(soci::session& sql, bool postgresql,
                           const std::vector<StudentChange>& changes) {
  if (changes.empty()) return;
  // On PostgreSQL the rows are locked until the commit, in one order, so
  // two writers never wait on each other (SQLite has one writer at a time).
  auto records = select_students(sql, numbers_of(changes), postgresql);
  if (Status fits = check_in_order(records, changes); !fits) {
    throw StudentChanged(fits.error().message);
  }
  for (const auto& change : changes) {
    if (records.count(change.registration_number) == 0) continue;
    soci::indicator status_set = change.status.empty() ? soci::i_null : soci::i_ok;
    soci::indicator school_set = change.school.empty() ? soci::i_null : soci::i_ok;
    sql << "UPDATE students SET status = COALESCE(:s, status), school = COALESCE(:c, school), "
           "version = version + 1 WHERE registration_number = :n",
        soci::use(change.status, status_set), soci::use(change.school, school_set),
        soci::use(change.registration_number);
  }
}

Status explain_student_changes(soci::session& sql, const std::vector<StudentChange>& changes) {
  auto records = select_students(sql, numbers_of(changes));
  return check_in_order(records, changes);
}

}  // namespace xueji::store
