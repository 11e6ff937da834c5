// The records a batch carries besides its cases, written inside the
// batch's transaction: what the adapters register and change (students,
// accounts, passwords, tokens) and what the account actors decide (their
// timers). One write path for all of them: the journal's commit.

#include <algorithm>
#include <map>

#include "adapters/store/array_statement.h"
#include "adapters/store/batch_rows.h"
#include "adapters/store/student_rows.h"
#include "engine/account/capability.h"
#include "engine/student/registration_number.h"

namespace xueji::store {
namespace {

// The batch's new students in a few multi-row statements (a term's
// intake is thousands of rows: round trips per table, not per row).
void insert_students(soci::session& sql, const std::vector<Transition>& batch) {
  std::vector<std::string> number, resident_id, name, school, status, birth, gender, issued;
  std::vector<long long> grade;
  for (const auto& t : batch) {
    for (const Student& s : t.records.registrations) {
      // Art. 8: an L or J number is handed out once, ever; its key among
      // the numbers issued (retired ones included) refuses a second claim.
      auto kind = classify_registration_number(s.registration_number);
      if (kind && *kind != RegistrationKind::g_number) issued.push_back(s.registration_number);
      number.push_back(s.registration_number);
      resident_id.push_back(s.resident_id);
      name.push_back(s.name);
      school.push_back(s.school);
      grade.push_back(s.grade);
      status.emplace_back(to_string(s.status));
      birth.push_back(s.birth_date.to_string());
      gender.emplace_back(to_string(s.gender));
    }
  }
  insert_rows(sql, "INSERT INTO issued_numbers (number) VALUES ", "", {{&issued}}, issued.size(),
              true);
  // Each record names its school's parent (migration 0033), written with
  // it rather than by a trigger: PostgreSQL's took 15-20 us a row of an
  // import, and on SQLite any trigger on insert, even one that never
  // fires, made each row four to five times dearer. A COPY carries values
  // only, so the batch's schools are looked up first; a statement looks
  // each up itself. A school not in orgs leaves it NULL.
  static const std::string columns =
      "INSERT INTO students (registration_number, resident_id, name, school, grade, status, "
      "birth_date, gender, school_parent";
  std::vector<std::string> parent;
  std::vector<soci::indicator> parent_known;
  const bool copy = copies_in_bulk(sql, number.size());
  if (copy) {
    std::vector<std::string> schools(school.begin(), school.end());
    std::sort(schools.begin(), schools.end());
    schools.erase(std::unique(schools.begin(), schools.end()), schools.end());
    std::string codes;
    append_text_array(codes, schools, nullptr);
    std::map<std::string, std::string> parent_of;
    soci::rowset<soci::row> known =
        (sql.prepare << "SELECT code, parent FROM orgs WHERE code = ANY(CAST(:c AS text[]))",
         soci::use(codes));
    for (const auto& row : known) parent_of[row.get<std::string>(0)] = row.get<std::string>(1);
    for (const auto& code : school) {
      auto found = parent_of.find(code);
      parent.push_back(found == parent_of.end() ? std::string() : found->second);
      parent_known.push_back(found == parent_of.end() ? soci::i_null : soci::i_ok);
    }
  }
  std::vector<Column> values = {{&number},         {&resident_id}, {&name},  {&school},
                                {nullptr, &grade}, {&status},      {&birth}, {&gender}};
  if (copy) values.push_back({&parent, nullptr, nullptr, &parent_known});
  insert_rows(sql,
              copy ? columns + ") VALUES "
                   : columns +
                         ") SELECT column1, column2, column3, column4, CAST(column5 AS INTEGER), "
                         "column6, column7, column8, (SELECT parent FROM orgs WHERE code = "
                         "column4) FROM (VALUES ",
              copy ? "" : ") AS rows_in", values, number.size(), true);
}

// Throws StudentChanged when the record no longer holds the closed status
// the reopening was decided on (another registration won the race).
void reopen_student(soci::session& sql, const ReopenedRecord& r) {
  const Student& s = r.student;
  const std::string status(to_string(s.status)), was(to_string(r.was));
  soci::statement update =
      (sql.prepare << "UPDATE students SET name = :na, school = :sc, grade = :g, status = :st, "
                      "version = version + 1 WHERE registration_number = :n AND status = :w",
       soci::use(s.name), soci::use(s.school), soci::use(s.grade), soci::use(status),
       soci::use(s.registration_number), soci::use(was));
  update.execute(true);
  if (update.get_affected_rows() != 1) {
    throw StudentChanged("registration " + s.registration_number + " is no longer " + was +
                         ": it was reopened or changed meanwhile");
  }
}

// Moves the record from the L number to its G number and retires the L
// number (Art. 8). Throws StudentChanged when the L number no longer names
// a record of that resident ID (verified, or its ID corrected, meanwhile);
// the students' primary key refuses a G number already taken.
void renumber_student(soci::session& sql, const Renumbering& r) {
  const Student& s = r.student;
  soci::statement update =
      (sql.prepare << "UPDATE students SET registration_number = :t, version = version + 1 "
                      "WHERE registration_number = :f AND resident_id = :r",
       soci::use(s.registration_number), soci::use(r.from), soci::use(s.resident_id));
  update.execute(true);
  if (update.get_affected_rows() != 1) {
    throw StudentChanged("registration " + r.from + " of resident ID " + s.resident_id +
                         " no longer exists: it was verified or changed meanwhile");
  }
  const long long at = r.at.unix_seconds();
  sql << "INSERT INTO retired_numbers (number, replaced_by, retired_at) VALUES (:f, :t, :a)",
      soci::use(r.from), soci::use(s.registration_number), soci::use(at);
}

// Art. 7: a grade corrected after a promotion, a compare-and-set on the
// record's version, with its row of history. Throws StudentChanged when the
// record moved on since the correction was decided.
void correct_grade(soci::session& sql, const GradeCorrection& c) {
  const long long was = c.version, now = c.version + 1, at = c.at.unix_seconds();
  soci::statement update =
      (sql.prepare << "UPDATE students SET grade = :g, version = version + 1 "
                      "WHERE registration_number = :n AND version = :v AND grade = :o",
       soci::use(c.new_grade), soci::use(c.registration_number), soci::use(was),
       soci::use(c.old_grade));
  update.execute(true);
  if (update.get_affected_rows() != 1) {
    throw StudentChanged("registration " + c.registration_number + " changed since its grade " +
                         std::to_string(c.old_grade) + " was read (version " + std::to_string(was) +
                         ")");
  }
  const std::string old_value = std::to_string(c.old_grade);
  const std::string new_value = std::to_string(c.new_grade);
  sql << "INSERT INTO student_history (registration_number, version, field, old_value, "
         "new_value, source, at) VALUES (:n, :v, 'grade', :o, :w, :s, :a)",
      soci::use(c.registration_number), soci::use(now), soci::use(old_value), soci::use(new_value),
      soci::use(c.source), soci::use(at);
}

void insert_account(soci::session& sql, const NewAccount& n) {
  const Account& a = n.account;
  const std::string role(to_string(a.role)), kind(to_string(a.kind));
  const std::string changed = a.password_changed.to_string(), used = a.last_used.to_string();
  const long long due = seal_due(a.last_used).unix_seconds(), created = n.created_at.unix_seconds();
  // NULL: not limited to named actions (engine/account/capability.h).
  const std::string capabilities = a.capabilities ? capabilities_text(*a.capabilities) : "";
  soci::indicator capabilities_ind = a.capabilities ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO accounts (name, org, role, kind, password_hash, password_changed, "
         "last_used, seal_due, sealed_at, created_at, capabilities) VALUES (:n, :o, :r, :k, :h, "
         ":c, :u, :d, NULL, :a, :p)",
      soci::use(a.name), soci::use(a.org), soci::use(role), soci::use(kind),
      soci::use(a.password_hash), soci::use(changed), soci::use(used), soci::use(due),
      soci::use(created), soci::use(capabilities, capabilities_ind);
}

void insert_token(soci::session& sql, const IssuedToken& issued) {
  const TokenRecord& t = issued.token;
  const long long at = t.issued_at.unix_seconds();
  long long expires = t.expires_at ? t.expires_at->unix_seconds() : 0;
  soci::indicator expires_ind = t.expires_at ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at, "
         "revoked_at) VALUES (:i, :h, :a, :k, :t, :e, NULL)",
      soci::use(t.id), soci::use(issued.token_hash), soci::use(t.account), soci::use(t.kind),
      soci::use(at), soci::use(expires, expires_ind);
}

}  // namespace

void write_records(soci::session& sql, const std::vector<Transition>& batch) {
  write_org_changes(sql, batch);  // Art. 12
  insert_students(sql, batch);
  for (const auto& t : batch) {
    const RecordWrites& r = t.records;
    for (const auto& reopened : r.reopened) reopen_student(sql, reopened);
    for (const auto& renumbering : r.renumberings) renumber_student(sql, renumbering);
    for (const auto& a : r.new_accounts) insert_account(sql, a);
    for (const auto& p : r.password_changes) {
      const std::string day = p.changed.to_string();
      sql << "UPDATE accounts SET password_hash = :h, password_changed = :c WHERE name = :n",
          soci::use(p.password_hash), soci::use(day), soci::use(p.name);
    }
    for (const auto& token : r.issued_tokens) insert_token(sql, token);
    for (const auto& revoked : r.revoked_tokens) {
      const long long when = revoked.at.unix_seconds();
      sql << "UPDATE tokens SET revoked_at = :a WHERE id = :i AND revoked_at IS NULL",
          soci::use(when), soci::use(revoked.id);
    }
    for (const auto& correction : r.grade_corrections) correct_grade(sql, correction);
  }
  write_archive_duties(sql, batch);   // Art. 6, 7
  write_owed_follow_ups(sql, batch);  // Art. 12, 16, 17
  write_schedule_years(sql, batch);   // Art. 15: provisional due dates re-dated
  for (const auto& t : batch) {
    for (const auto& change : t.account_changes) {
      const std::string used = change.last_used.to_string();
      long long due = change.seal_due ? change.seal_due->unix_seconds() : 0;
      long long sealed = change.sealed_at ? change.sealed_at->unix_seconds() : 0;
      soci::indicator due_ind = change.seal_due ? soci::i_ok : soci::i_null;
      soci::indicator sealed_ind = change.sealed_at ? soci::i_ok : soci::i_null;
      sql << "UPDATE accounts SET last_used = :u, seal_due = :d, sealed_at = :s "
             "WHERE name = :n",
          soci::use(used), soci::use(due, due_ind), soci::use(sealed, sealed_ind),
          soci::use(change.name);
    }
  }
}

}  // namespace xueji::store
