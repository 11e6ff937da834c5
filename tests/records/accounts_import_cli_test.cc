// `xueji accounts import`: accounts in bulk from a CSV roster, each row
// checked as `accounts create` checks one, the good rows created (none with
// --all-or-nothing when a row is refused), one audit entry per account and
// one for the run, on a chain `xueji audit verify` finds intact. On
// PostgreSQL and SQLite.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/account/password_hash.h"
#include "tests/cli/run_command.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

// Rows 2..8 of the roster: three good ones (one with its own password) and
// one of each refusal.
const char* const kMixedRoster =
    "name,org,role,password\n"
    "reg.4501020001,4501020001,registrar,\n"                     // row 2: good, password generated
    "admin.450102,450102,administrator,\n"                       // row 3: good
    "reg.x,999999,registrar,\n"                                  // row 4: unknown org
    "reg.y,450102,auditor,\n"                                    // row 5: bad role
    "reg.450102,450102,registrar,short\n"                        // row 6: weak password
    "reg.4501020001,4501030002,registrar,\n"                     // row 7: twice in the file
    "reg.4501030002,4501030002,registrar,\"Own,Pass-2025!\"\n";  // row 8: good, its own

class AccountsImportCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_demo_database(GetParam());
    roster_ = fs::temp_directory_path() / ("xueji-roster-" + std::to_string(getpid()) + ".csv");
  }
  void TearDown() override { fs::remove(roster_); }

  CommandResult import(const std::string& csv, std::vector<std::string> extra = {}) {
    std::ofstream(roster_) << csv;
    std::vector<std::string> args = {"accounts", "import", roster_.string(), "--db", url_};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_xueji(args);
  }

  std::string password_of(const std::string& out, const std::string& row) {
    const std::string marker = row + ", password (shown once): ";
    const auto at = out.find(marker);
    if (at == std::string::npos) return "";
    const std::string rest = out.substr(at + marker.size());
    return rest.substr(0, rest.find('\n'));
  }

  void expect_audit_intact(size_t entries) {
    auto verify = run_xueji({"audit", "verify", "--db", url_});
    EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
    EXPECT_NE(verify.out.find("audit trail intact: " + std::to_string(entries) + " entries"),
              std::string::npos)
        << verify.out;
  }

  std::string url_;
  fs::path roster_;
};

TEST_P(AccountsImportCli, CreatesTheGoodRowsAndNamesEachRefusedOne) {
  auto r = import(kMixedRoster);
  EXPECT_EQ(r.status, 1) << r.err;  // some rows refused
  const std::string password = password_of(r.out, "row 2: created reg.4501020001");
  ASSERT_FALSE(password.empty()) << r.out;
  EXPECT_NE(r.out.find("row 3: created admin.450102, password (shown once): "), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("row 4: unknown org '999999'\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row 5: "), std::string::npos);
  EXPECT_NE(r.out.find("auditor"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row 6: the password must"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row 7: account 'reg.4501020001' is given twice (also row 2)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("row 8: created reg.4501030002\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("imported 3 of 7 accounts; 4 rows refused"), std::string::npos) << r.out;

  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  auto school = (*store)->find_account("reg.4501020001");
  ASSERT_TRUE(school.ok() && school->has_value());
  EXPECT_EQ((*school)->account.org, "4501020001");
  EXPECT_EQ((*school)->account.role, Role::registrar);
  EXPECT_TRUE(verify_password((*school)->account.password_hash, password));
  auto admin = (*store)->find_account("admin.450102");
  ASSERT_TRUE(admin.ok() && admin->has_value());
  EXPECT_EQ((*admin)->account.role, Role::administrator);
  auto own = (*store)->find_account("reg.4501030002");
  ASSERT_TRUE(own.ok() && own->has_value());
  EXPECT_TRUE(verify_password((*own)->account.password_hash, "Own,Pass-2025!"));
  for (const char* refused : {"reg.x", "reg.y", "reg.450102"}) {
    auto none = (*store)->find_account(refused);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value()) << refused;
  }

  // One entry per account, then the run's, with no password in any.
  auto trail = (*store)->load_audit();
  ASSERT_TRUE(trail.ok());
  ASSERT_EQ(trail->size(), 4u);
  EXPECT_EQ((*trail)[0].action, "account.create");
  EXPECT_EQ((*trail)[0].target, "account:reg.4501020001");
  EXPECT_EQ((*trail)[2].target, "account:reg.4501030002");
  EXPECT_EQ((*trail)[3].action, "account.import");
  EXPECT_EQ((*trail)[3].outcome, "rows_refused");
  EXPECT_NE((*trail)[3].detail.find("7 rows: 3 created, 4 refused (rows 4 (unknown_org)"),
            std::string::npos)
      << (*trail)[3].detail;
  for (const auto& entry : *trail) {
    EXPECT_EQ(entry.detail.find(password), std::string::npos);
    EXPECT_EQ(entry.detail.find("Own,Pass"), std::string::npos);
  }
  expect_audit_intact(4);

  // The same roster again: every row now exists or is refused as before.
  auto again = import(kMixedRoster);
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.out.find("row 2: account 'reg.4501020001' exists"), std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("imported 0 of 7 accounts"), std::string::npos) << again.out;
  expect_audit_intact(5);
}

TEST_P(AccountsImportCli, AllOrNothingCreatesNoneWhenARowIsRefused) {
  auto r = import(kMixedRoster, {"--all-or-nothing"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("row 2: ok, not created (--all-or-nothing)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("row 4: unknown org '999999'"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("password (shown once)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("imported 0 of 7 accounts; 4 rows refused; none created"), std::string::npos)
      << r.out;
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  for (const char* name : {"reg.4501020001", "admin.450102", "reg.4501030002"}) {
    auto none = (*store)->find_account(name);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value()) << name;
  }
  auto trail = (*store)->load_audit();
  ASSERT_EQ(trail->size(), 1u);  // the run only
  EXPECT_EQ((*trail)[0].action, "account.import");
  EXPECT_EQ((*trail)[0].outcome, "refused");
  expect_audit_intact(1);

  // The good rows alone, all or nothing: all of them.
  auto good = import(
      "name,org,role\n"
      "reg.4501020001,4501020001,registrar\n"
      "admin.450102,450102,administrator\n",
      {"--all-or-nothing"});
  EXPECT_EQ(good.status, 0) << good.out << good.err;
  EXPECT_NE(good.out.find("imported 2 of 2 accounts\n"), std::string::npos) << good.out;
  EXPECT_EQ((*store)->load_audit()->back().outcome, "ok");
  expect_audit_intact(4);
}

TEST_P(AccountsImportCli, AMalformedFileChangesNothing) {
  for (const char* csv : {"name,org\nreg.a,450102\n",  // no role column
                          "name,org,role,colour\nreg.a,450102,registrar,red\n",
                          "name,org,role\nreg.a,450102\n",  // a cell short
                          "name,org,role\n"}) {
    auto r = import(csv);
    EXPECT_EQ(r.status, 2) << csv;
    EXPECT_EQ(r.out, "") << csv;
    EXPECT_NE(r.err.find(roster_.string() + ": "), std::string::npos) << r.err;
  }
  EXPECT_NE(import("name,org\nreg.a,450102\n").err.find("lacks the column 'role'"),
            std::string::npos);
  auto store = TestStore::open(url_);
  EXPECT_EQ((*store)->load_audit()->size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsImportCli, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
