// `xueji audit archive` and `audit verify --archives` on PostgreSQL and
// SQLite: whole months leave the store for files, the entries left behind
// still verify from the last archived entry, the files verify back to the
// genesis, and tampering with a file, a month not over, a broken chain or
// a store entry left behind are each named.

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "tests/cli/run_command.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

class AuditArchiving : public ::testing::TestWithParam<std::string> {
 protected:
  // Nine entries: three in each of August, September and October 2025
  // (Beijing), the last of August at 23:30 on the 31st, which is still
  // August in Beijing but September in UTC.
  void SetUp() override {
    url_ = fresh_database(GetParam());
    dir_ = fs::temp_directory_path() /
           ("xueji-audit-archive-" + std::to_string(getpid()) + "-" + GetParam());
    fs::remove_all(dir_);
    auto store = open_migrated(url_);
    ASSERT_TRUE(store != nullptr);
    const char* times[] = {
        "2025-08-01T09:00:00+08:00", "2025-08-15T09:00:00+08:00", "2025-08-31T23:30:00+08:00",
        "2025-09-01T00:00:00+08:00", "2025-09-10T09:00:00+08:00", "2025-09-30T09:00:00+08:00",
        "2025-10-01T09:00:00+08:00", "2025-10-08T09:00:00+08:00", "2025-10-31T09:00:00+08:00"};
    for (const char* t : times) {
      AuditEntry e = audit_entry(at(t), "reg.4501020001", "4501020001", "case.read", "case:C1");
      ASSERT_TRUE(store->append_audit({e}).ok());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  void sql(const std::string& statement) {
    soci::session s(GetParam() == "sqlite" ? "sqlite3" : "postgresql",
                    store::parse_database_url(url_)->connect);
    s << statement;
  }
  long long count(const std::string& query) {
    soci::session s(GetParam() == "sqlite" ? "sqlite3" : "postgresql",
                    store::parse_database_url(url_)->connect);
    long long n = -1;
    s << query, soci::into(n);
    return n;
  }
  CommandResult archive(const std::string& through) {
    return run_xueji(
        {"audit", "archive", "--db", url_, "--to", dir_.string(), "--through", through});
  }
  CommandResult verify(bool with_files) {
    if (with_files)
      return run_xueji({"audit", "verify", "--db", url_, "--archives", dir_.string()});
    return run_xueji({"audit", "verify", "--db", url_});
  }

  // The archive directory's files, by name.
  std::vector<std::string> files() {
    std::vector<std::string> names;
    if (fs::is_directory(dir_))
      for (const auto& f : fs::directory_iterator(dir_)) names.push_back(f.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string url_;
  fs::path dir_;
};

TEST_P(AuditArchiving, WholeMonthsLeaveTheStoreAndTheRestStillVerifies) {
  auto r = archive("2025-09");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("archived 2025-08: 3 entries (1..3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("archived 2025-09: 3 entries (4..6)"), std::string::npos) << r.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), 3);
  EXPECT_EQ(count("SELECT MIN(seq) FROM audit_entries"), 7);
  EXPECT_TRUE(fs::exists(dir_ / "audit-2025-08.ndjson"));
  EXPECT_TRUE(fs::exists(dir_ / "audit-2025-09.ndjson"));

  auto store_only = verify(false);
  EXPECT_EQ(store_only.status, 0) << store_only.out << store_only.err;
  EXPECT_NE(store_only.out.find("audit trail intact: 3 entries after 2 archived months (through "
                                "2025-09, entry 6)"),
            std::string::npos)
      << store_only.out;
  auto whole = verify(true);
  EXPECT_EQ(whole.status, 0) << whole.out << whole.err;
  EXPECT_NE(whole.out.find("whose 6 entries verify from the genesis"), std::string::npos)
      << whole.out;

  // Again: nothing left before October, nothing moves.
  auto again = archive("2025-09");
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("nothing to archive"), std::string::npos) << again.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_archives"), 2);
}

TEST_P(AuditArchiving, AMonthLargerThanAPageAndTheFilesBuffersIsWalkedWhole) {
  // 12,000 entries more in October, some 5 MB of file: the store is read
  // in two pages of 10,000 (the archive deleting August and September
  // between them), the file written and read back a megabyte at a time,
  // lines cut across the reads.
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  std::vector<AuditEntry> october;
  for (int i = 0; i < 12000; ++i)
    october.push_back(audit_entry(at("2025-10-31T10:00:00+08:00").plus_seconds(i), "reg.4501020001",
                                  "4501020001", "student.read", "student:" + std::to_string(i),
                                  "ok", "detail " + std::string(i % 300, 'x')));
  ASSERT_TRUE((*store)->append_audit(october).ok());
  auto before = verify(false);
  EXPECT_EQ(before.status, 0) << before.out << before.err;
  EXPECT_NE(before.out.find("audit trail intact: 12009 entries, head"), std::string::npos)
      << before.out;

  auto r = archive("2025-10");
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("archived 2025-10: 12003 entries (7..12009)"), std::string::npos) << r.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), 0);
  EXPECT_GT(fs::file_size(dir_ / "audit-2025-10.ndjson"), 4u << 20);
  auto whole = verify(true);
  EXPECT_EQ(whole.status, 0) << whole.out << whole.err;
  EXPECT_NE(whole.out.find("whose 12009 entries verify from the genesis"), std::string::npos)
      << whole.out;

  // One character changed deep in the file, past the first megabyte.
  const fs::path file = dir_ / "audit-2025-10.ndjson";
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const auto where = text.find("student:11000\"");
  ASSERT_NE(where, std::string::npos);
  text[where + 8] = '2';
  std::ofstream(file) << text;
  auto altered = verify(true);
  EXPECT_EQ(altered.status, 3);
  EXPECT_NE(altered.out.find("SHA-256 is not the one recorded"), std::string::npos) << altered.out;
}

TEST_P(AuditArchiving, AnEntryAlteredInAFileIsNamed) {
  ASSERT_EQ(archive("2025-09").status, 0);
  const fs::path file = dir_ / "audit-2025-09.ndjson";
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  const auto where = text.find("reg.4501020001");
  ASSERT_NE(where, std::string::npos);
  text.replace(where, 14, "admin.00000000");
  std::ofstream(file) << text;
  auto r = verify(true);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("audit archive 2025-09"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SHA-256 is not the one recorded"), std::string::npos) << r.out;
  // The store alone still verifies: its entries chain from the recorded end.
  EXPECT_EQ(verify(false).status, 0);
}

TEST_P(AuditArchiving, ALineThatIsNoEntryIsNamedByItsNumber) {
  ASSERT_EQ(archive("2025-09").status, 0);
  const fs::path file = dir_ / "audit-2025-09.ndjson";
  std::ifstream in(file);
  std::string first, second, rest;
  std::getline(in, first);
  std::getline(in, second);
  rest.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  in.close();
  std::ofstream(file) << first << "\n{\"seq\": 5\n" << rest;
  auto r = verify(true);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("audit-2025-09.ndjson:2: not an audit entry"), std::string::npos) << r.out;
}

TEST_P(AuditArchiving, AMissingFileIsNamed) {
  ASSERT_EQ(archive("2025-08").status, 0);
  fs::remove(dir_ / "audit-2025-08.ndjson");
  auto r = verify(true);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("audit-2025-08.ndjson: no such file"), std::string::npos) << r.out;
}

TEST_P(AuditArchiving, AnEntryAlteredInTheStoreAfterArchivingIsNamed) {
  ASSERT_EQ(archive("2025-08").status, 0);
  sql("UPDATE audit_entries SET outcome = 'forbidden' WHERE seq = 5");
  auto r = verify(false);
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("broken at entry 5: altered"), std::string::npos) << r.out;
  // The first entry left behind deleted: the chain from the archive's end breaks.
  sql("UPDATE audit_entries SET outcome = 'ok' WHERE seq = 5");
  sql("DELETE FROM audit_entries WHERE seq = 4");
  auto gap = verify(false);
  EXPECT_EQ(gap.status, 3);
  EXPECT_NE(gap.out.find("broken at entry 4: removed or reordered"), std::string::npos) << gap.out;
}

TEST_P(AuditArchiving, ABrokenChainIsNotArchived) {
  sql("UPDATE audit_entries SET target = 'case:C2' WHERE seq = 2");
  auto r = archive("2025-09");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("broken at entry 2"), std::string::npos) << r.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), 9);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_archives"), 0);
  // Not even a partial file is left behind.
  EXPECT_EQ(files(), std::vector<std::string>{});
}

TEST_P(AuditArchiving, AMonthBeforeTheBreakIsArchivedAndTheBrokenOneIsNot) {
  sql("UPDATE audit_entries SET target = 'case:C2' WHERE seq = 5");
  auto r = archive("2025-10");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.out.find("archived 2025-08: 3 entries (1..3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("broken at entry 5: altered"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("archived 2025-09"), std::string::npos) << r.out;
  EXPECT_EQ(count("SELECT MIN(seq) FROM audit_entries"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_archives"), 1);
  EXPECT_EQ(files(), std::vector<std::string>{"audit-2025-08.ndjson"});
  // The store from the archive's end still names the same break.
  auto v = verify(true);
  EXPECT_EQ(v.status, 3);
  EXPECT_NE(v.out.find("broken at entry 5: altered"), std::string::npos) << v.out;
}

TEST_P(AuditArchiving, AMonthNotOverOrMalformedIsRefusedAndNothingMoves) {
  auto future = archive("2999-01");
  EXPECT_EQ(future.status, 2);
  EXPECT_NE(future.err.find("--through 2999-01: the month is not over"), std::string::npos)
      << future.err;
  auto malformed = archive("2025-13");
  EXPECT_EQ(malformed.status, 2);
  EXPECT_NE(malformed.err.find("--through 2025-13"), std::string::npos) << malformed.err;
  auto word = archive("September");
  EXPECT_EQ(word.status, 2);
  EXPECT_NE(word.err.find("expected a month as YYYY-MM"), std::string::npos) << word.err;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), 9);
  EXPECT_FALSE(fs::exists(dir_ / "audit-2025-08.ndjson"));
}

TEST_P(AuditArchiving, NewEntriesAfterArchivingChainOn) {
  ASSERT_EQ(archive("2025-10").status, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries"), 0);
  EXPECT_EQ(verify(true).status, 0);
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  AuditEntry e = audit_entry(at("2025-11-03T09:00:00+08:00"), "reg.4501020001", "4501020001",
                             "case.decide", "case:C1");
  ASSERT_TRUE((*store)->append_audit({e}).ok());
  auto r = verify(true);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("audit trail intact: 1 entries after 3 archived months"), std::string::npos)
      << r.out;
  EXPECT_EQ(count("SELECT MIN(seq) FROM audit_entries"), 10);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditArchiving, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

// An `audit archive` committing while a `verify` runs: on PostgreSQL a
// lock holds the verify between its read of the months and its walk.
using AuditArchivingMeanwhile = AuditArchiving;

TEST_P(AuditArchivingMeanwhile, AVerifyWalksAgainFromTheMonthAnArchiveRecordedMeanwhile) {
  soci::session archiving("postgresql", store::parse_database_url(url_)->connect);
  std::string last_hash;
  archiving << "SELECT hash FROM audit_entries WHERE seq = 3", soci::into(last_hash);
  // What AuditArchive::record commits for August (entries 1..3, the file
  // aside: the store's walk does not read it), with the entries held
  // from every reader until it commits.
  soci::transaction august(archiving);
  archiving << "LOCK TABLE audit_entries IN ACCESS EXCLUSIVE MODE";
  archiving << "INSERT INTO audit_archives VALUES ('2025-08', 1, 3, :h, 3, "
               "'audit-2025-08.ndjson', 'f', 0)",
      soci::use(last_hash);
  archiving << "DELETE FROM audit_entries WHERE seq <= 3";

  // The verify reads no archived month (August's row is not committed),
  // then waits on the entries.
  auto verifying = std::async(std::launch::async, [this] { return verify(false); });
  soci::session watching("postgresql", store::parse_database_url(url_)->connect);
  int waiting = 0;
  for (int polls = 0; polls < 600 && waiting == 0; ++polls) {
    watching << "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND "
                "query LIKE '%audit_entries%'",
        soci::into(waiting);
    if (waiting == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(waiting, 1) << "the verify never reached the entries";
  august.commit();

  // Its walk from the genesis meets entry 4 first, which seems a removal:
  // the months read again name August, and the walk from entry 3 is whole.
  const CommandResult r = verifying.get();
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("audit trail intact: 6 entries after 1 archived months (through 2025-08, "
                       "entry 3)"),
            std::string::npos)
      << r.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditArchivingMeanwhile, ::testing::Values("postgresql"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
