#pragma once
// The students' rows as the journal writes and reads them: a case's change
// to its student is a compare-and-set (engine/case/student_effect.h),
// checked against the row it replaces inside the commit's transaction.

#include <soci/soci.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "actors/port/journal.h"

namespace xueji::store {

// Thrown inside a commit's transaction when a change no longer fits its
// record; SqlJournal::commit answers it as "student_changed".
class StudentChanged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a refused compare-and-set puts in PostgreSQL's error text when the
// batch's one statement refuses it (batch_rows.cc).
constexpr const char* kStudentChangedMarker = "student_changed";

// Whether one of `changes` names an L number: it may have been renumbered
// (Art. 8), so the change must be resolved to its G number first (what
// apply_student_changes does, and PostgreSQL's one statement does not).
bool names_temporary_number(const std::vector<StudentChange>& changes);

// Applies `changes` in order, each to the record its number names now (an
// L number retired at verification names its G number's record), each checked against its row as
// the transaction sees it (locked FOR UPDATE on PostgreSQL): only the fields it names are written,
// and the version moves on. A change for a student with no row is no change (a child not yet
// registered). Throws StudentChanged, or on a database error.
void apply_student_changes(soci::session& sql, bool postgresql,
                           const std::vector<StudentChange>& changes);

// Why the first of `changes` that no longer fits its record does not (after
// PostgreSQL refused the batch's statement): "student_changed" naming it,
// or ok when all fit now.
Status explain_student_changes(soci::session& sql, const std::vector<StudentChange>& changes);

// The history of the record `number` names (a retired L number names its
// G number's), oldest first. Throws on a database error.
std::vector<HistoryEntry> select_history(soci::session& sql, const std::string& number);

// The rows of those of `numbers` that exist; with `lock` (PostgreSQL only)
// locked FOR UPDATE until the transaction ends. Throws on a database error.
std::map<std::string, StoredStudent> select_students(soci::session& sql,
                                                     const std::vector<std::string>& numbers,
                                                     bool lock = false);

}  // namespace xueji::store
