// `xueji audit verify` against a trail tampered with directly in SQL, on
// PostgreSQL and SQLite: each change, deletion and swap is named by the
// entry where the chain breaks, with exit status 3; an intact trail is 0.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "tests/cli/run_command.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class AuditVerify : public ::testing::TestWithParam<std::string> {
 protected:
  // A trail of six entries, appended in three transactions.
  void SetUp() override {
    url_ = fresh_database(GetParam());
    auto store = open_migrated(url_);
    ASSERT_TRUE(store != nullptr);
    for (int batch = 0; batch < 3; ++batch) {
      std::vector<AuditEntry> entries;
      for (int i = 0; i < 2; ++i) {
        AuditEntry e;
        e.at = at("2025-09-26T09:00:00+08:00").plus_seconds(60 * (2 * batch + i));
        e.account = "reg.4501020001";
        e.org = "4501020001";
        e.action = i == 0 ? "case.read" : "case.decide";
        e.target = "case:C" + std::to_string(batch);
        e.outcome = "ok";
        entries.push_back(e);
      }
      ASSERT_TRUE(store->append_audit(entries).ok());
    }
  }

  void tamper(const std::string& statement) {
    soci::session sql(GetParam() == "sqlite" ? "sqlite3" : "postgresql",
                      store::parse_database_url(url_)->connect);
    sql << statement;
  }

  CommandResult verify() { return run_xueji({"audit", "verify", "--db", url_}); }

  std::string url_;
};

TEST_P(AuditVerify, AnIntactTrailIsZero) {
  auto r = verify();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("audit trail intact: 6 entries, head ", 0), 0u) << r.out;
}

TEST_P(AuditVerify, AChangedEntryIsNamed) {
  tamper("UPDATE audit_entries SET outcome = 'out_of_jurisdiction' WHERE seq = 3");
  auto r = verify();
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out, "audit trail broken at entry 3: altered: its hash does not match its content\n");
}

TEST_P(AuditVerify, AChangeWithItsHashRecomputedStillBreaksTheNextLink) {
  // Whoever rewrites entry 4 and its hash must rewrite every later entry too.
  auto store = TestStore::open(url_);
  auto entries = (*store)->load_audit();
  AuditEntry forged = (*entries)[3];
  forged.account = "admin.000000";
  forged.hash = audit_hash(forged);
  tamper("UPDATE audit_entries SET account = 'admin.000000', hash = '" + forged.hash +
         "' WHERE seq = 4");
  auto r = verify();
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("broken at entry 5"), std::string::npos) << r.out;
}

TEST_P(AuditVerify, ADeletedEntryIsNamed) {
  tamper("DELETE FROM audit_entries WHERE seq = 2");
  auto r = verify();
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("broken at entry 2: removed or reordered"), std::string::npos) << r.out;
}

TEST_P(AuditVerify, TheLastEntryDeletedIsNamed) {
  tamper("DELETE FROM audit_entries WHERE seq = 6");
  auto r = verify();
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("broken at entry 6: removed"), std::string::npos) << r.out;
}

TEST_P(AuditVerify, AnEntryAddedPastTheHeadIsNamed) {
  // Forged whole: chained from entry 6 with its hash right, but added
  // without the head that every append moves in the same transaction.
  auto store = TestStore::open(url_);
  auto entries = (*store)->load_audit();
  ASSERT_EQ(entries->size(), 6u);
  AuditEntry forged =
      chain_entry(audit_entry(entries->back().at, "admin.000000", "450102", "export", "org:450102"),
                  &entries->back());
  tamper(
      "INSERT INTO audit_entries (seq, at, account, org, action, target, outcome, detail, "
      "prev_hash, hash) VALUES (7, " +
      std::to_string(forged.at.unix_seconds()) +
      ", 'admin.000000', '450102', 'export', 'org:450102', 'ok', '', '" + forged.prev_hash +
      "', '" + forged.hash + "')");
  auto r = verify();
  EXPECT_EQ(r.status, 3);
  EXPECT_EQ(r.out,
            "audit trail broken at entry 7: added: the trail runs to entry 7 but its head "
            "records entry 6\n");
}

TEST_P(AuditVerify, SwappedEntriesAreNamed) {
  // Swap entries 2 and 3 wholesale: each keeps its content, trades places.
  tamper("UPDATE audit_entries SET seq = 100 WHERE seq = 2");
  tamper("UPDATE audit_entries SET seq = 2 WHERE seq = 3");
  tamper("UPDATE audit_entries SET seq = 3 WHERE seq = 100");
  auto r = verify();
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("broken at entry 2"), std::string::npos) << r.out;
}

TEST_P(AuditVerify, AnUnreachableStoreIsStatusTwo) {
  auto r = run_xueji({"audit", "verify", "--db", "postgresql://xueji@127.0.0.1:1/xueji"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerify, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
