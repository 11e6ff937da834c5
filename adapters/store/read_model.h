#pragma once
// What the HTTP routes and the command-line tools read: students, orgs, a
// case and its history, notices, the open steps of an org, table counts.
// Queries only, on a small pool of connections shared by all callers
// (thread-safe); writes go through the journal (sql_journal.h).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/store/connection_pool.h"
#include "adapters/store/student_lookups.h"
#include "engine/case/case_state.h"
#include "engine/case/notice.h"
#include "engine/org/org_tree.h"
#include "engine/student/record_history.h"
#include "engine/student/student.h"

namespace xueji::store {

// A case as stored: its state and the events it folded, in order.
struct StoredCase {
  CaseState state;
  std::vector<CaseEvent> events;
};

// An open case's active step, as the cases table indexes it.
struct ActiveStep {
  std::string case_id;
  std::string kind;
  std::string step;
  std::string org;         // the party's own org
  std::string holder;      // who must answer now (after escalation, a superior)
  std::string due;         // the party's last day, YYYY-MM-DD
  std::string holder_due;  // the holder's last day
};

// The statement case_states_of runs: a subject's cases, by id, served by
// migration 0030's index.
extern const char* const kCasesOfSubject;
// The live registration of a resident ID (`:r`), by the partial index.
std::string live_student_by_resident_id();
// A roster page above a school (students_page, migration 0033). The orgs
// of `:o`'s subtree that schools belong to: `:o` and the cities and
// counties below it, not its schools.
std::string school_parents_under();
// The first `rows` numbers after `:k` of the records at the schools whose
// parent is `:p`, in order, from the index alone.
std::string numbers_of_school_parent(int rows);
// On PostgreSQL, in one statement: the same for each of
// school_parents_under(), the first `rows` numbers of them all, and those
// numbers' records in order. `:o`, then `:k`.
std::string students_under_school_parents(int rows);
// The ministry's overdue page (overdue_page): the first `rows` open steps
// due before `:d` (after (`:k`, `:i`) if `after`), of `kind` unless it is
// empty, whose authority is `:a` (the ministry) or an org above the
// schools, in order, from cases_overdue (a kind's from its own index).
std::string steps_of_every_authority(int rows, bool after, const std::string& kind = "");
// The same of one authority, `:a` (SQLite's page above a school, once for
// each authority of school_parents_under()).
std::string steps_of_authority(int rows, bool after, const std::string& kind = "");
// On PostgreSQL, in one statement: the first `rows` of those of each
// authority of school_parents_under(`:o`), in order.
std::string steps_of_authorities_under(int rows, bool after, const std::string& kind = "");
// The columns of cases an ActiveStep is read from, in order.
extern const char* const kActiveStepColumns;
// Open cases with an active step: the predicate of the lists' partial
// indexes (migrations 0011, 0027, 0029, 0034).
extern const char* const kOpenStep;
// Runs `query` (selecting kActiveStepColumns) with `params` bound in order:
// the one reader of active steps, for the whole list and its pages.
std::vector<ActiveStep> select_active_steps(soci::session& sql, const std::string& query,
                                            const std::vector<std::string>& params);
// The same through the connection's kept statement for `query`, a page's
// query (Connection::kept_rows, planned as `plans` says), or run once when
// it keeps no more.
std::vector<ActiveStep> kept_active_steps(Connection& connection, const std::string& query,
                                          const std::vector<std::string>& params,
                                          Connection::Plans plans = Connection::Plans::kept);

// A page of a list in its stable order (issue 17): at most `limit` rows
// after the row whose sort key is `after` (empty: from the first row).
struct PageQuery {
  int limit = 100;
  std::vector<std::string> after;
};

// The page's rows and whether more follow them.
template <typename Row>
struct Page {
  std::vector<Row> rows;
  bool has_more = false;
};

// The page of `rows`, read with one more than the page holds: whether the
// extra row came says whether more follow; it is cut.
template <typename Row>
Page<Row> paged(std::vector<Row> rows, const PageQuery& page) {
  Page<Row> out;
  out.has_more = rows.size() > static_cast<size_t>(page.limit);
  if (out.has_more) rows.resize(static_cast<size_t>(page.limit));
  out.rows = std::move(rows);
  return out;
}

class ReadModel {
 public:
  explicit ReadModel(std::shared_ptr<ConnectionPool> pool);

  // Lookups made at the same time share one query (student_lookups.h).
  Result<std::optional<Student>> find_student(const std::string& registration_number);
  // The live registration (not closed: is_closed()) of a resident ID.
  Result<std::optional<Student>> find_live_student(const std::string& resident_id);
  // The students of `org`'s subtree (a school's own), by registration
  // number, each handed to `take` as it is read: `batch` rows at a time
  // from a cursor on PostgreSQL, one transaction so that all see one
  // moment; row by row on SQLite (roster_reads.cc). An export of a
  // province's roster (Art. 24) holds a batch, not the roster. The count
  // read, or an error naming a code that is not one.
  Result<int64_t> each_student_under(const std::string& org, size_t batch,
                                     const std::function<void(const Student&)>& take);
  // Every case whose subject is `subject`, open or closed, whole and by
  // id, from one statement: no read per case, and no commit between two.
  Result<std::vector<CaseState>> case_states_of(const std::string& subject);
  // The cases of `kind` whose subject is one of `subjects`, open or
  // closed, by subject then id: a query per 500 subjects, not one per
  // subject (a province's termly checks, Art. 25).
  Result<std::vector<CaseState>> cases_of_kind(const std::string& kind,
                                               const std::vector<std::string>& subjects);
  // The record's history of values, oldest first (Art. 8, 13).
  Result<std::vector<HistoryEntry>> history_of(const std::string& registration_number);
  // The org tree as stored: the seeded orgs, the schools opened since, and
  // each school that merged or closed with the org acting for it (Art. 12).
  Result<OrgTree> load_orgs();

  // Numbers for life (Art. 8-10; registration_reads.cc):
  // The G number a retired L number became, if `number` is one.
  Result<std::optional<std::string>> replaced_by(const std::string& number);
  // The record `number` names: its own, or for a retired L number the
  // record of the G number it became (Art. 8). None when neither exists.
  Result<std::optional<Student>> find_record(const std::string& number);
  // The same, answered through `found` (StudentLookups::find_async): the
  // calling thread never blocks; a retired number's second read runs on
  // the thread that read the first, which may block.
  void find_record_async(const std::string& number, StudentLookups::Found found,
                         const std::function<void(std::function<void()>)>& elsewhere);
  // The retired L numbers that became `number` (at most one in practice).
  Result<std::vector<std::string>> replaced_numbers(const std::string& number);
  // The greatest L or J number ever issued in [lowest, highest] (retired
  // ones included), or "" when none is: where the next serial starts.
  Result<std::string> last_issued(const std::string& lowest, const std::string& highest);
  // Whether `number` was ever issued (a live or retired L or J number).
  Result<bool> issued(const std::string& number);
  // A batch's lookups in bulk (intake_reads.cc): the live registrations
  // of `resident_ids`, and the records `numbers` name; in no order.
  Result<std::vector<Student>> live_students_of(const std::vector<std::string>& resident_ids);
  Result<std::vector<Student>> students_of(const std::vector<std::string>& numbers);

  Result<std::optional<CaseState>> load_case(const std::string& case_id);
  // A case's stored state and every event it folded, read in one
  // statement: two reads could meet a commit between them and answer
  // with an event the state lacks. None when no such case is stored.
  Result<std::optional<StoredCase>> load_case_with_events(const std::string& case_id);
  // The case a progress code opens, by the code's SHA-256 (Art. 15;
  // progress_code_rows.cc); none for a hash no case has.
  Result<std::optional<std::string>> case_of_progress_code(const std::string& code_hash);
  Result<std::vector<CaseEvent>> load_events(const std::string& case_id);
  Result<std::vector<Notice>> notices_for_org(const std::string& org);
  // Open cases' active steps held by or assigned to `org` ("" = any org),
  // optionally only those whose party's due date is before `due_before`
  // (YYYY-MM-DD), soonest holder deadline first.
  Result<std::vector<ActiveStep>> active_steps(const std::string& org,
                                               const std::string& due_before);

  // The lists in pages (list_pages.cc): keyset queries (WHERE key > after
  // ORDER BY key LIMIT limit + 1) on the indexes of migration 0011, so a
  // page costs the same wherever it starts. A row that changes its key
  // while a client walks (an escalation moves holder_due) may be met twice
  // or not at all; a row added behind the position is not met.
  // The steps waiting on `org`: its own active steps and those escalated to
  // it, by (holder_due, case id); the key is {holder_due, id}.
  Result<Page<ActiveStep>> pending_page(const std::string& org, const PageQuery& page);
  // The active steps of `org`'s whole subtree (the orgs table's) whose
  // party's own due date is before `due_before` (YYYY-MM-DD), whoever holds
  // them, most overdue first: by (active_due, case id), the key.
  // With `kind`, only that kind's cases. (org_list_pages.cc: above a
  // school, a page of each authority of the subtree, migration 0034.)
  Result<Page<ActiveStep>> overdue_page(const std::string& org, const std::string& due_before,
                                        const PageQuery& page, const std::string& kind = "");
  // The notices addressed to `org`, oldest first: by (at, id); the key is
  // {at in unix seconds, id}, and "invalid_cursor" when `at` is no number.
  Result<Page<Notice>> notices_page(const std::string& org, const PageQuery& page);
  // An org's roster and open cases (org_list_pages.cc). The records whose
  // school is `org` or lies in its subtree, any status, by registration
  // number, the key.
  Result<Page<Student>> students_page(const std::string& org, const PageQuery& page);
  // The open cases whose active step's party is `org` or lies in its
  // subtree, whoever holds it now, soonest party's due date first: by
  // (active_due, case id), the key, as overdue_page without its cut.
  // With `kind`, only that kind's (the dropout ledger's follow-ups, Art. 17).
  Result<Page<ActiveStep>> open_steps_page(const std::string& org, const PageQuery& page,
                                           const std::string& kind = "");

  // Rows of one of the store's tables; "invalid_table" for any other name.
  Result<int64_t> count_rows(const std::string& table);

 private:
  // find_record's answer given the lookup of `number` itself: that record,
  // or for a retired L number the record of the G number it became.
  Result<std::optional<Student>> record_after(const std::string& number,
                                              Result<std::optional<Student>> own);

  std::shared_ptr<ConnectionPool> pool_;
  std::shared_ptr<StudentLookups> students_;
};

}  // namespace xueji::store
