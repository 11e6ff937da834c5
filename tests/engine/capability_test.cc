// Accounts scoped by capability (issue 18): the vocabulary, what a list
// allows, and a roster's capabilities column.

#include <gtest/gtest.h>

#include "engine/account/account_roster.h"
#include "engine/account/capability.h"

namespace xueji {
namespace {

const std::vector<std::string> kKinds = {"transfer", "death_deregistration"};

TEST(Capabilities, AreWordsOfTheVocabulary) {
  auto parsed = parse_capabilities("open:death_deregistration, read  read\tdecide", kKinds);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, (std::vector<std::string>{"open:death_deregistration", "read", "decide"}));
  EXPECT_EQ(capabilities_text(*parsed), "open:death_deregistration read decide");
  EXPECT_TRUE(parse_capabilities("", kKinds)->empty());

  auto unknown = parse_capabilities("read fly", kKinds);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "invalid_field");
  EXPECT_EQ(unknown.error().message,
            "capability 'fly' is not one of read, register_student, open, decide, withdraw, "
            "graduate, promote, manage_accounts, advance_clock, reload_rules, manage_orgs, "
            "open:<kind>, "
            "apply:<kind>");
  auto no_kind = parse_capabilities("open:funeral", kKinds);
  ASSERT_FALSE(no_kind.ok());
  EXPECT_EQ(no_kind.error().message,
            "capability 'open:funeral' names no case kind (known: transfer, "
            "death_deregistration)");
  EXPECT_FALSE(parse_capabilities("open:", {}).ok());
  // Without the rules at hand (reading the store back), any kind's name.
  EXPECT_TRUE(parse_capabilities("open:funeral", {}).ok());
}

TEST(Capabilities, AListAllowsOnlyWhatItNames) {
  Account unlimited;
  unlimited.name = "reg.4501020001";
  for (const char* c : {"read", "decide", "open:transfer", "manage_accounts"}) {
    EXPECT_TRUE(may_use(unlimited, c).ok()) << c;
  }
  Account registry;
  registry.name = "registry.4501020001";
  registry.capabilities = std::vector<std::string>{"open:death_deregistration"};
  EXPECT_TRUE(may_use(registry, "open:death_deregistration").ok());
  // An action no route needs ("") is everyone's.
  EXPECT_TRUE(may_use(registry, "").ok());
  auto refused = may_use(registry, "open:transfer");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "capability_missing");
  EXPECT_EQ(refused.error().message,
            "account 'registry.4501020001' lacks the capability 'open:transfer' (it holds only: "
            "open:death_deregistration)");
  EXPECT_FALSE(may_use(registry, "decide").ok());
  EXPECT_FALSE(may_use(registry, "read").ok());

  Account opener = registry;
  opener.capabilities = std::vector<std::string>{"open"};
  EXPECT_TRUE(may_use(opener, "open:transfer").ok());
  EXPECT_FALSE(may_use(opener, "decide").ok());

  Account nothing = registry;
  nothing.capabilities = std::vector<std::string>{};
  EXPECT_EQ(may_use(nothing, "read").error().message,
            "account 'registry.4501020001' lacks the capability 'read' (it holds only: nothing)");
}

// Art. 16: the guardian applies. The parents' app opens a leave on the
// family's behalf and for no one else; an account that may open a kind
// opens it for the family too.
TEST(Capabilities, ApplyOpensForTheFamilyOnly) {
  auto parsed = parse_capabilities("apply:transfer read", kKinds);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(capabilities_text(*parsed), "apply:transfer read");
  EXPECT_EQ(parse_capabilities("apply:funeral", kKinds).error().message,
            "capability 'apply:funeral' names no case kind (known: transfer, "
            "death_deregistration)");
  EXPECT_FALSE(parse_capabilities("apply:", {}).ok());
  EXPECT_FALSE(parse_capabilities("apply", kKinds).ok());

  Account app;
  app.name = "parents.450102";
  app.capabilities = std::vector<std::string>{"apply:transfer", "read"};
  EXPECT_TRUE(may_open(app, "transfer", "guardian").ok());
  auto as_school = may_open(app, "transfer", "4501020001");
  ASSERT_FALSE(as_school.ok());
  EXPECT_EQ(as_school.error().code, "capability_missing");
  EXPECT_EQ(as_school.error().message,
            "account 'parents.450102' lacks the capability 'open:transfer' (it holds only: "
            "apply:transfer read)");
  EXPECT_FALSE(may_open(app, "death_deregistration", "guardian").ok());
  // apply:<kind> grants opening for the family, nothing else.
  EXPECT_FALSE(may_use(app, "decide").ok());
  EXPECT_FALSE(may_use(app, "withdraw").ok());

  Account opener = app;
  opener.capabilities = std::vector<std::string>{"open:transfer"};
  EXPECT_TRUE(may_open(opener, "transfer", "guardian").ok());
  EXPECT_TRUE(may_open(opener, "transfer", "4501020001").ok());
  Account unlimited;
  EXPECT_TRUE(may_open(unlimited, "death_deregistration", "4501020001").ok());
}

TEST(Capabilities, ARosterMayListThem) {
  auto rows = parse_roster(
      "name,org,role,capabilities\n"
      "registry.4501020001,4501020001,registrar,open:death_deregistration read\n"
      "reg.4501020001,4501020001,registrar,\n");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].capabilities, std::optional<std::string>("open:death_deregistration read"));
  EXPECT_FALSE((*rows)[1].capabilities.has_value());  // empty: not limited
  auto unknown = parse_roster("name,org,role,powers\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("capabilities"), std::string::npos);
}

}  // namespace
}  // namespace xueji
