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
            "graduate, promote, manage_accounts, advance_clock, open:<kind>");
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
