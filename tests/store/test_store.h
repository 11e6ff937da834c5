#pragma once
// Test support: every room of adapters/store on one database behind one
// object, so that a test can write through the journal and read back
// through the readers without wiring them itself. Production code never
// bundles them: each user takes the room it needs.

#include <soci/soci.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "adapters/store/audit_trail.h"
#include "adapters/store/connection_pool.h"
#include "adapters/store/credential_store.h"
#include "adapters/store/idempotency_store.h"
#include "adapters/store/migrator.h"
#include "adapters/store/outbox.h"
#include "adapters/store/read_model.h"
#include "adapters/store/row_readers.h"
#include "adapters/store/sql_journal.h"

namespace xueji::test {

class TestStore {
 public:
  static Result<std::unique_ptr<TestStore>> open(const std::string& url) {
    auto journal = store::SqlJournal::open(url);
    if (!journal) return journal.error();
    auto pool = store::ConnectionPool::open(url, 2);
    if (!pool) return pool.error();
    return std::unique_ptr<TestStore>(new TestStore(std::move(*journal), std::move(*pool)));
  }

  store::SqlJournal& journal() { return *journal_; }
  store::ReadModel reads;
  store::CredentialStore credentials;
  store::IdempotencyStore answers;
  store::Outbox outbox;
  store::AuditTrail audit;

  // Writes, through the journal as production writes.
  Result<int> migrate(const std::string& dir) {
    return store::migrate(journal_->connection(), dir);
  }
  Result<bool> seed_orgs(const OrgTree& tree) {
    return store::seed_orgs(journal_->connection(), tree);
  }
  Status commit(const std::vector<Transition>& batch) { return journal_->commit(batch); }
  Status insert_student(const Student& s) {
    Transition t;
    t.records.registrations.push_back(s);
    return commit({t});
  }
  Status append_audit(const std::vector<AuditEntry>& entries) {
    Transition t;
    t.audit = entries;
    return commit({t});
  }

  // Reads.
  Result<std::optional<Student>> find_student(const std::string& n) {
    return reads.find_student(n);
  }
  // Every row of students, by number, whatever its school: the tests' view
  // of the whole table (production reads an org's roster: roster_reads.cc).
  Result<std::vector<Student>> load_students() {
    try {
      std::vector<Student> out;
      soci::rowset<soci::row> rows =
          (journal_->connection().sql().prepare << "SELECT " << store::kStudentColumns
                                                << " FROM students ORDER BY registration_number");
      for (const auto& r : rows) out.push_back(store::student_from(r));
      return out;
    } catch (const std::exception& e) {
      return make_error("store", e.what());
    }
  }
  Result<OrgTree> load_orgs() { return reads.load_orgs(); }
  Result<std::optional<CaseState>> load_case(const std::string& id) { return reads.load_case(id); }
  Result<std::map<std::string, CaseState>> load_cases(const std::vector<std::string>& ids) {
    return journal_->load_cases(ids);
  }
  Result<std::vector<CaseEvent>> load_events(const std::string& id) {
    return reads.load_events(id);
  }
  Result<std::vector<Notice>> notices_for_org(const std::string& org) {
    return reads.notices_for_org(org);
  }
  Result<int64_t> count_rows(const std::string& table) { return reads.count_rows(table); }
  Result<std::vector<PendingWake>> pending_wakes() {
    return journal_->wakes(WakeIndex::cases, Instant::from_unix_seconds(0),
                           Instant::from_unix_seconds(253402300800));
  }
  Result<std::optional<StoredAccount>> find_account(const std::string& name) {
    return credentials.find_account(name);
  }
  Result<std::vector<AuditEntry>> load_audit() { return audit.load_audit(); }
  Result<std::string> server_setting(const std::string& name) {
    return journal_->connection().setting(name);
  }

 private:
  TestStore(std::unique_ptr<store::SqlJournal> journal, std::shared_ptr<store::ConnectionPool> pool)
      : reads(pool),
        credentials(pool),
        answers(pool),
        outbox(pool),
        audit(pool),
        journal_(std::move(journal)),
        pool_(std::move(pool)) {}
  std::unique_ptr<store::SqlJournal> journal_;
  std::shared_ptr<store::ConnectionPool> pool_;
};

}  // namespace xueji::test
