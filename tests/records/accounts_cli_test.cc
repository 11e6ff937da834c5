// `xueji accounts create`: the first administrator of an installation, from
// the command line, with a generated password shown once, hashed with
// Argon2id and recorded on the audit trail. On PostgreSQL and SQLite.

#include <gtest/gtest.h>

#include "engine/account/password_hash.h"
#include "tests/cli/run_command.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class AccountsCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { url_ = fresh_demo_database(GetParam()); }
  std::string url_;
};

TEST_P(AccountsCli, CreatesTheFirstAdministrator) {
  auto r = run_xueji({"accounts", "create", "--db", url_, "--name", "admin.450000", "--org",
                      "450000", "--role", "administrator"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string marker = "password (shown once): ";
  const auto at_password = r.out.find(marker);
  ASSERT_NE(at_password, std::string::npos) << r.out;
  std::string password = r.out.substr(at_password + marker.size());
  password = password.substr(0, password.find('\n'));
  auto store = TestStore::open(url_);
  auto found = (*store)->find_account("admin.450000");
  ASSERT_TRUE(found.ok() && found->has_value());
  const Account& a = (*found)->account;
  EXPECT_EQ(a.org, "450000");
  EXPECT_EQ(a.role, Role::administrator);
  EXPECT_EQ(a.password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(a.password_hash, password));
  EXPECT_TRUE((*found)->seal_due.has_value());
  auto trail = (*store)->load_audit();
  ASSERT_EQ(trail->size(), 1u);
  EXPECT_EQ((*trail)[0].action, "account.create");
  EXPECT_EQ((*trail)[0].target, "account:admin.450000");
  EXPECT_EQ((*trail)[0].detail.find(password), std::string::npos);
  // Twice is refused, as is an org that does not exist or a bad name.
  auto again =
      run_xueji({"accounts", "create", "--db", url_, "--name", "admin.450000", "--org", "450000"});
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;
  EXPECT_EQ(
      run_xueji({"accounts", "create", "--db", url_, "--name", "admin.999999", "--org", "999999"})
          .status,
      2);
  EXPECT_EQ(run_xueji({"accounts", "create", "--db", url_, "--name", "Admin X", "--org", "450000"})
                .status,
            2);
  EXPECT_EQ((*store)->load_audit()->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsCli, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
