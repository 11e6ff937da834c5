#pragma once
// Rows of the store's tables read back into the engine's types, shared by
// the rooms that read them (the journal, the read model, credentials, the
// outbox). Each `*_from` reads the columns its `k*Columns` list names, in
// that order.

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "actors/port/journal.h"
#include "engine/account/token_record.h"
#include "engine/audit/audit_chain.h"
#include "engine/case/notice.h"
#include "engine/student/student.h"

namespace xueji::store {

// The students table's columns a Student is read from, in student_from's
// order; a query may select more after them, from kStudentColumnCount on.
extern const char* const kStudentColumns;
constexpr std::size_t kStudentColumnCount = 9;
Student student_from(const soci::row& r);
// The same columns read as text (a kept statement's, kept_rows.h).
Student student_from(const std::vector<std::string>& columns);
// `statuses` as the inside of an SQL IN list: "'deceased', 'withdrawn'"
// (the engine's own names, so nothing to escape).
std::string sql_status_list(const std::vector<StudentStatus>& statuses);

extern const char* const kAccountColumns;
StoredAccount account_from(const soci::row& r);

extern const char* const kTokenColumns;
TokenRecord token_from(const soci::row& r);

extern const char* const kAuditColumns;
AuditEntry audit_entry_from(const soci::row& r);

// A nullable unix-seconds column.
std::optional<Instant> optional_instant(const soci::row& r, size_t column);

// A notice's JSON body ({"step","due","text"}, and a `redated` notice's
// "previous_due","provisional") stored as `body`.
std::string notice_body(const Notice& n);
// Fills the fields notice_body() wrote; a body that is not an object
// leaves them empty. `n.kind` is read first: an older `redated` body
// without "previous_due" has it read from its text.
void read_notice_body(const std::string& body, Notice& n);

}  // namespace xueji::store
