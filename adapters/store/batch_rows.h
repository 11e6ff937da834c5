#pragma once
// A batch of transitions as rows: every table's rows column by column, and
// the statements that write them on each backend. On PostgreSQL the whole
// batch is one statement of fixed shape, prepared once per connection; on
// SQLite each table's rows go in one multi-row statement.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "actors/port/transition.h"
#include "adapters/store/database.h"
#include "adapters/store/sql_helpers.h"
#include "adapters/store/statistics_rows.h"

namespace xueji::store {

// A batch's rows, column by column, as both backends write them.
struct BatchColumns {
  std::vector<std::string> ev_case, ev_type, ev_body;
  std::vector<long long> ev_seq, ev_at;
  std::vector<std::string> n_id, n_org, n_case, n_kind, n_body;
  std::vector<long long> n_at;
  std::vector<std::string> c_id, c_kind, c_status, c_version, c_subject, c_snapshot;
  std::vector<std::string> c_step, c_org, c_holder, c_due, c_holder_due, c_authority;
  std::vector<soci::indicator> c_active_ind, c_authority_ind;
  std::vector<long long> c_count, c_next, c_updated;
  std::vector<soci::indicator> c_next_ind;
  // Students, for PostgreSQL's one statement: a NULL status or school
  // leaves the column as it is; the compare-and-set's conditions are the
  // statuses the new one may replace (comma-separated) and the school the
  // case rests on, NULL for none.
  std::vector<std::string> s_number, s_status, s_school, s_from, s_if_school;
  std::vector<soci::indicator> s_status_ind, s_school_ind, s_from_ind, s_if_school_ind;
  // The same changes in batch order, for the transaction path
  // (student_rows.h); `needs_transaction` when one statement cannot apply
  // them: one student has two (to apply in order), or a change writes named
  // fields (whose old values the record's history keeps).
  std::vector<StudentChange> student_changes;
  bool needs_transaction = false;
  // First answers to keyed requests.
  std::vector<std::string> a_key, a_type, a_body;
  std::vector<long long> a_status;
  // Art. 15: the hashes of new cases' progress codes, with their cases.
  std::vector<std::string> p_hash, p_case;
  // The supervisor's figures the batch changes (statistics_rows.h).
  StatisticsColumns statistics;

  explicit BatchColumns(const std::vector<Transition>& batch);

  bool has_rows() const {
    return !ev_case.empty() || !n_id.empty() || !c_id.empty() || !s_number.empty() ||
           !a_key.empty() || !p_hash.empty() || statistics.has_rows();
  }
  std::vector<Column> events() const {
    return {{&ev_case}, {nullptr, &ev_seq}, {&ev_type}, {nullptr, &ev_at}, {&ev_body}};
  }
  std::vector<Column> notices() const {
    return {{&n_id}, {&n_org}, {&n_case}, {&n_kind}, {nullptr, &n_at}, {&n_body}};
  }
  std::vector<Column> cases() {
    return {{&c_id},
            {&c_kind},
            {&c_status},
            {&c_version},
            {&c_subject},
            {nullptr, &c_count},
            {nullptr, &c_next, &c_next_ind},
            {&c_snapshot},
            {nullptr, &c_updated},
            {&c_step, nullptr, nullptr, &c_active_ind},
            {&c_org, nullptr, nullptr, &c_active_ind},
            {&c_holder, nullptr, nullptr, &c_active_ind},
            {&c_due, nullptr, nullptr, &c_active_ind},
            {&c_holder_due, nullptr, nullptr, &c_active_ind},
            {&c_authority, nullptr, nullptr, &c_authority_ind}};
  }
  std::vector<Column> students() {
    return {{&s_number},
            {&s_status, nullptr, nullptr, &s_status_ind},
            {&s_school, nullptr, nullptr, &s_school_ind},
            {&s_from, nullptr, nullptr, &s_from_ind},
            {&s_if_school, nullptr, nullptr, &s_if_school_ind}};
  }
  // Leaves the students to apply_student_changes() (the transaction path).
  void drop_student_columns();
  std::vector<Column> answers() const {
    return {{&a_key}, {nullptr, &a_status}, {&a_type}, {&a_body}};
  }
  std::vector<Column> progress_codes() const { return {{&p_hash}, {&p_case}}; }
};

// Writes the batch's case rows (events, notices, progress codes, cases,
// first answers, and on PostgreSQL the student columns, if not dropped).
// Throws on a database error; a student change that no longer fits its
// record makes PostgreSQL refuse the statement with kStudentChangedMarker
// in its text. On PostgreSQL the statement is atomic by itself; on SQLite
// the caller holds a transaction and applies the students itself.
void write_case_rows(Connection& connection, BatchColumns& rows);

// Writes the records the batch's transitions carry (registrations,
// accounts, passwords, tokens) and the accounts' timer changes, inside the
// caller's transaction. Throws on a database error.
void write_records(soci::session& sql, const std::vector<Transition>& batch);

// The archive steps the batch owes and settles (archive_duty_rows.cc),
// inside the caller's transaction; write_records calls it. Throws on a
// database error (a duty recorded twice).
void write_archive_duties(soci::session& sql, const std::vector<Transition>& batch);

// The follow-ups the batch owes and settles (follow_up_rows.cc), likewise.
// Throws on a database error (a follow-up recorded twice).
void write_owed_follow_ups(soci::session& sql, const std::vector<Transition>& batch);

// The national schedule years the batch settles (schedule_year_rows.cc).
void write_schedule_years(soci::session& sql, const std::vector<Transition>& batch);

// The org changes the batch records (Art. 12, org_change_rows.cc), and the
// orgs table after each, inside the caller's transaction; write_records
// calls it first, so a student change in the same batch sees them.
void write_org_changes(soci::session& sql, const std::vector<Transition>& batch);

}  // namespace xueji::store
