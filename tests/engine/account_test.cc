// Accounts in the engine: the seal date, the password rule and its hash,
// jurisdiction, unsealing and export approval (Art. 24, 26).

#include <gtest/gtest.h>

#include "engine/account/jurisdiction.h"
#include "engine/account/password_hash.h"
#include "engine/account/password_policy.h"
#include "engine/student/deidentified.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {
namespace {

Account account(const std::string& name, const std::string& org, Role role = Role::registrar) {
  Account a;
  a.name = name;
  a.org = org;
  a.role = role;
  return a;
}

TEST(SealDue, SixCalendarMonthsAfterTheDayOfLastUseEnd) {
  // Used on 2025-09-26: still usable all of 2026-03-26, sealed as it ends.
  EXPECT_EQ(seal_due(day("2025-09-26")), at("2026-03-27T00:00:00+08:00"));
  // A month's end is clamped: 08-31 plus six months is 02-28.
  EXPECT_EQ(seal_due(day("2025-08-31")), at("2026-03-01T00:00:00+08:00"));
  EXPECT_EQ(seal_due(day("2027-08-31")), at("2028-03-01T00:00:00+08:00"));  // 02-29, leap
  EXPECT_EQ(seal_due(day("2025-12-15")), at("2026-06-16T00:00:00+08:00"));
}

TEST(AccountName, OnlyPlainCharacters) {
  EXPECT_TRUE(check_account_name("reg.4501020001").ok());
  EXPECT_TRUE(check_account_name("school-app_1").ok());
  EXPECT_EQ(check_account_name("ab").error().code, "invalid_field");
  EXPECT_EQ(check_account_name("Reg.X").error().code, "invalid_field");
  EXPECT_EQ(check_account_name("a b c").error().code, "invalid_field");
  EXPECT_EQ(check_account_name(std::string(65, 'a')).error().code, "invalid_field");
}

TEST(PasswordPolicy, LengthClassesAndName) {
  PasswordPolicy p;  // 12 characters, 3 classes
  EXPECT_TRUE(check_password(p, "Xueji-Demo-2025", "reg.1").ok());
  auto short_one = check_password(p, "Ab1-short", "reg.1");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, "weak_password");
  EXPECT_NE(short_one.error().message.find("at least 12"), std::string::npos);
  EXPECT_EQ(check_password(p, "alllowercaseletters", "reg.1").error().code, "weak_password");
  EXPECT_EQ(check_password(p, "Xx1-reg.4501020001", "reg.4501020001").error().code,
            "weak_password");
  // Characters, not bytes: twelve Chinese characters and two classes more.
  EXPECT_TRUE(check_password(p, "学籍管理系统密码很长A1", "reg.1").ok());
  EXPECT_FALSE(check_password(p, "学籍A1", "reg.1").ok());
}

TEST(PasswordPolicy, RotationAfterItsDays) {
  PasswordPolicy p;
  EXPECT_FALSE(password_expired(p, day("2025-09-26"), day("2025-12-25")));  // day 90
  EXPECT_TRUE(password_expired(p, day("2025-09-26"), day("2025-12-26")));
  p.rotation_days = 0;
  EXPECT_FALSE(password_expired(p, day("2025-09-26"), day("2035-01-01")));
}

TEST(PasswordPolicy, ProvincesOverlayTheNationalRule) {
  auto policies = load_password_policies(project_path("workflows"));
  ASSERT_TRUE(policies.ok()) << policies.error().message;
  EXPECT_EQ(policies->national().rotation_days, 90);
  EXPECT_EQ(policies->for_province("450000").rotation_days, 60);  // Guangxi's own
  EXPECT_EQ(policies->for_province("450000").min_length, 12);     // the rest national
  EXPECT_EQ(policies->for_province("440000").rotation_days, 90);
  auto bad = load_password_policies(std::vector<PasswordRuleSource>{
      {"password/national.yaml", "min_length: 12\nrotation_dayz: 30\n"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("password/national.yaml:2"), std::string::npos)
      << bad.error().message;
  auto low = load_password_policies(
      std::vector<PasswordRuleSource>{{"p.yaml", "province: \"450000\"\nmin_length: 4\n"}});
  ASSERT_FALSE(low.ok());
  EXPECT_NE(low.error().message.find("min_length"), std::string::npos) << low.error().message;
}

TEST(PasswordHash, Argon2idVerifiesOnlyTheRightPassword) {
  const Argon2Cost cheap{64, 1, 1};
  auto hash = hash_password("Xueji-Demo-2025", "0123456789abcdef", cheap);
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(verify_password(*hash, "Xueji-Demo-2025"));
  EXPECT_FALSE(verify_password(*hash, "Xueji-Demo-2026"));
  EXPECT_FALSE(verify_password("plain text", "plain text"));
  EXPECT_EQ(hash_password("x", "short", cheap).error().code, "invalid_salt");
  // Another salt, another hash, both valid.
  auto other = hash_password("Xueji-Demo-2025", "fedcba9876543210", cheap);
  EXPECT_NE(*other, *hash);
  EXPECT_TRUE(verify_password(*other, "Xueji-Demo-2025"));
}

class JurisdictionTest : public CaseFixture {
 protected:
  // A transfer from 4501020001 to 4501030002 (parties: the sending school,
  // its county 450102, the receiving county 450103).
  void SetUp() override {
    OpenCase open;
    open.kind = "transfer";
    open.by = "4501030002";
    open.fields["to_school"] = "4501030002";
    open.student = student("4501020001", 5);
    this->open(open, at("2025-09-26T09:00:00+08:00"));
  }
};

TEST_F(JurisdictionTest, ReadsStayInTheSubtree) {
  for (const char* org :
       {"4501020001", "450102", "450103", "4501030002", "450100", "450000", "000000"}) {
    EXPECT_TRUE(may_read_case(account("a.x", org), state_, *orgs_).ok()) << org;
  }
  for (const char* org : {"4501020002", "4501030001", "440103", "440000", "330000"}) {
    auto refused = may_read_case(account("a.x", org), state_, *orgs_);
    ASSERT_FALSE(refused.ok()) << org;
    EXPECT_EQ(refused.error().code, "out_of_jurisdiction");
    EXPECT_NE(refused.error().message.find(org), std::string::npos);
  }
  EXPECT_TRUE(may_read_org(account("a.x", "450100"), "4501020001", *orgs_).ok());
  EXPECT_EQ(may_read_org(account("a.x", "4501020001"), "450102", *orgs_).error().code,
            "out_of_jurisdiction");
}

TEST_F(JurisdictionTest, StepsOnlyForTheirOrgOrWhereEscalated) {
  EXPECT_TRUE(may_act_on_step(account("r", "4501020001"), state_, "sending_school").ok());
  auto county = may_act_on_step(account("r", "450102"), state_, "sending_school");
  ASSERT_FALSE(county.ok());
  EXPECT_EQ(county.error().code, "out_of_jurisdiction");
  EXPECT_NE(county.error().message.find("assigned to org 4501020001"), std::string::npos);
  EXPECT_EQ(
      may_act_on_step(account("r", "4501020001", Role::administrator), state_, "sending_school")
          .error()
          .code,
      "role_forbidden");
  // Silence: the step climbs to the county, which may now decide it.
  run_timers_until(at("2025-10-17T00:00:00+08:00"));
  ASSERT_EQ(state_.steps[0].escalated_to, std::vector<std::string>{"450102"});
  EXPECT_TRUE(may_act_on_step(account("r", "450102"), state_, "sending_school").ok());
  EXPECT_FALSE(may_act_on_step(account("r", "450100"), state_, "sending_school").ok());
  // An unknown step is the decider's to refuse.
  EXPECT_TRUE(may_act_on_step(account("r", "450100"), state_, "no_such_step").ok());
}

TEST_F(JurisdictionTest, OpeningForOwnOrgOrAFamilyInTheSubtree) {
  EXPECT_TRUE(may_act_for(account("r", "4501030002"), "4501030002", "", *orgs_).ok());
  EXPECT_EQ(may_act_for(account("r", "4501030001"), "4501030002", "", *orgs_).error().code,
            "out_of_jurisdiction");
  EXPECT_TRUE(may_act_for(account("r", "4501020001"), "guardian", "4501020001", *orgs_).ok());
  EXPECT_EQ(may_act_for(account("r", "4501020002"), "guardian", "4501020001", *orgs_).error().code,
            "out_of_jurisdiction");
  EXPECT_TRUE(may_register_at(account("r", "450102"), "4501020003", *orgs_).ok());
  EXPECT_EQ(may_register_at(account("r", "450103"), "4501020003", *orgs_).error().code,
            "out_of_jurisdiction");
}

TEST_F(JurisdictionTest, OnlyAHigherLevelUnseals) {
  Account sealed = account("reg.4501020001", "4501020001");
  sealed.sealed_at = at("2026-03-27T00:00:00+08:00");
  EXPECT_TRUE(
      may_unseal(account("admin.450102", "450102", Role::administrator), sealed, *orgs_).ok());
  EXPECT_TRUE(
      may_unseal(account("admin.000000", "000000", Role::administrator), sealed, *orgs_).ok());
  // The same level (its own school's administrator), another county, a registrar.
  EXPECT_EQ(
      may_unseal(account("admin.4501020001", "4501020001", Role::administrator), sealed, *orgs_)
          .error()
          .code,
      "out_of_jurisdiction");
  EXPECT_EQ(may_unseal(account("admin.450103", "450103", Role::administrator), sealed, *orgs_)
                .error()
                .code,
            "out_of_jurisdiction");
  EXPECT_EQ(may_unseal(account("reg.450102", "450102"), sealed, *orgs_).error().code,
            "role_forbidden");
  // A lower level never unseals the level above it.
  Account county = account("admin.450102", "450102", Role::administrator);
  county.sealed_at = sealed.sealed_at;
  EXPECT_EQ(
      may_unseal(account("admin.4501020001", "4501020001", Role::administrator), county, *orgs_)
          .error()
          .code,
      "out_of_jurisdiction");
  EXPECT_TRUE(
      may_unseal(account("admin.450100", "450100", Role::administrator), county, *orgs_).ok());
  // Managing accounts: an administrator, within its subtree.
  EXPECT_TRUE(may_manage(account("a", "450102", Role::administrator), "4501020001", *orgs_).ok());
  EXPECT_FALSE(may_manage(account("a", "450102", Role::administrator), "450103", *orgs_).ok());
}

TEST_F(JurisdictionTest, ExportsNeedACountyAdministratorOrAbove) {
  const Account county = account("admin.450102", "450102", Role::administrator);
  EXPECT_TRUE(may_approve_export(county, "450102", *orgs_).ok());
  EXPECT_TRUE(may_approve_export(county, "4501020001", *orgs_).ok());
  EXPECT_EQ(may_approve_export(county, "450100", *orgs_).error().code, "out_of_jurisdiction");
  EXPECT_EQ(may_approve_export(account("admin.4501020001", "4501020001", Role::administrator),
                               "4501020001", *orgs_)
                .error()
                .code,
            "role_forbidden");
  EXPECT_EQ(may_approve_export(account("reg.450102", "450102"), "450102", *orgs_).error().code,
            "role_forbidden");
  Account sealed = county;
  sealed.sealed_at = at("2026-03-27T00:00:00+08:00");
  EXPECT_EQ(may_approve_export(sealed, "450102", *orgs_).error().code, "account_sealed");
}

// Art. 12: the department above a school opens, renames, merges or closes
// it; the refusals name who asked and why, word for word as the Chinese
// details (adapters/http/org_detail_patterns.cc) expect them.
TEST_F(JurisdictionTest, ASchoolIsChangedByADepartmentAboveIt) {
  const Account county = account("admin.450102", "450102", Role::administrator);
  EXPECT_TRUE(may_change_school(county, "450102", *orgs_).ok());
  EXPECT_EQ(may_change_school(county, "450103", *orgs_).error().message,
            "account 'admin.450102' of org 450102 cannot change a school under org 450103, "
            "outside its subtree");
  EXPECT_EQ(
      may_change_school(account("reg.4501020001", "4501020001"), "450102", *orgs_).error().message,
      "account 'reg.4501020001' of org 4501020001 is a school's; a school is opened, "
      "renamed, merged or closed by the department above it (Art. 12)");
  EXPECT_EQ(may_approve_export(account("admin.4501020001", "4501020001", Role::administrator),
                               "4501020001", *orgs_)
                .error()
                .message,
            "account 'admin.4501020001' of org 4501020001 is below county level; an export is "
            "approved by a county, city, province or the ministry");
  Account sealed = county;
  sealed.sealed_at = at("2026-03-27T00:00:00+08:00");
  EXPECT_EQ(may_change_school(sealed, "450102", *orgs_).error().code, "account_sealed");
}

TEST(Deidentified, NoNameIdOrNumberSurvives) {
  Student s = make_student("4501020001", 5);
  s.name = "李小明";
  const auto d = deidentify(s, "a key of sixteen bytes or more");
  EXPECT_EQ(d.name, "李**");
  EXPECT_EQ(d.division, "450102");
  EXPECT_EQ(d.birth_year, 2013);
  EXPECT_EQ(d.pseudonym.size(), 25u);
  const std::string row = to_csv_row(d);
  EXPECT_EQ(row.find(s.resident_id), std::string::npos);
  EXPECT_EQ(row.find(s.registration_number.substr(1)), std::string::npos);
  EXPECT_EQ(row.find("李小明"), std::string::npos);
  // Stable under one key, different under another.
  EXPECT_EQ(deidentify(s, "a key of sixteen bytes or more").pseudonym, d.pseudonym);
  EXPECT_NE(deidentify(s, "another key, also long enough").pseudonym, d.pseudonym);
}

}  // namespace
}  // namespace xueji::test
