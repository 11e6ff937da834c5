// The five-level org tree and its loader, on the demo tree and on bad input.

#include <gtest/gtest.h>

#include "engine/core/yaml_source.h"
#include "engine/org/org_tree.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

Org org(const char* code, OrgLevel level, const char* parent) {
  return Org{code, std::string("org ") + code, level, parent};
}

std::vector<Org> nanning() {
  return {org("450000", OrgLevel::province, ""), org("450100", OrgLevel::city, "450000"),
          org("450102", OrgLevel::county, "450100"), org("4501020001", OrgLevel::school, "450102")};
}

TEST(OrgTree, WalksTheFiveLevels) {
  auto tree = OrgTree::build(nanning());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->superior("4501020001")->code, "450102");
  EXPECT_EQ(tree->superior("450102")->code, "450100");
  EXPECT_EQ(tree->superior("450100")->code, "450000");
  EXPECT_EQ(tree->superior("450000")->code, "000000");
  EXPECT_EQ(tree->superior("000000"), nullptr);
  EXPECT_EQ(tree->superior("999999"), nullptr);
  EXPECT_TRUE(tree->contains("450100", "4501020001"));
  EXPECT_TRUE(tree->contains("000000", "4501020001"));
  EXPECT_TRUE(tree->contains("450102", "450102"));
  EXPECT_FALSE(tree->contains("4501020001", "450102"));
  EXPECT_EQ(tree->ancestor_at("4501020001", OrgLevel::city)->code, "450100");
  EXPECT_EQ(tree->ancestor_at("450100", OrgLevel::county), nullptr);
  EXPECT_EQ(tree->province_of("4501020001"), "450000");
  EXPECT_EQ(tree->province_of("000000"), "");
  EXPECT_EQ(tree->size(), 5u);
  auto unknown = tree->get("123");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_org");
}

TEST(OrgTree, TheDemoTreeLoads) {
  auto tree = load_org_file(test::project_path("config/demo/orgs.yaml"));
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  int count[5] = {0, 0, 0, 0, 0};
  for (const Org* o : tree->all()) ++count[static_cast<int>(o->level)];
  EXPECT_EQ(count[0], 1);
  EXPECT_EQ(count[1], 3);
  EXPECT_EQ(count[2], 6);
  EXPECT_EQ(count[3], 12);
  EXPECT_EQ(count[4], 36);
  EXPECT_EQ(tree->children("450100").size(), 2u);
  EXPECT_EQ(tree->children("450102").size(), 3u);
  EXPECT_EQ(tree->children("000000").front()->code, "330000");
  EXPECT_EQ(tree->find("450102")->name, "兴宁区");
}

void expect_invalid(std::vector<Org> orgs, const std::string& code, const std::string& why) {
  auto tree = OrgTree::build(std::move(orgs));
  ASSERT_FALSE(tree.ok()) << why;
  EXPECT_EQ(tree.error().code, "invalid_org");
  EXPECT_NE(tree.error().message.find(code), std::string::npos) << tree.error().message;
  EXPECT_NE(tree.error().message.find(why), std::string::npos) << tree.error().message;
}

TEST(OrgTree, RefusesEveryBrokenRule) {
  auto with = [](Org extra) {
    auto orgs = nanning();
    orgs.push_back(extra);
    return orgs;
  };
  expect_invalid(with(org("45010", OrgLevel::county, "450100")), "45010", "6 digits");
  expect_invalid(with(org("45010200X1", OrgLevel::school, "450102")), "45010200X1", "10 digits");
  expect_invalid(with(org("990000", OrgLevel::province, "")), "990000", "province code");
  expect_invalid(with(org("450201", OrgLevel::city, "450000")), "450201", "ends in 00");
  expect_invalid(with(org("440200", OrgLevel::city, "450000")), "440200", "province's two digits");
  expect_invalid(with(org("450200", OrgLevel::county, "450100")), "450200", "does not end in 00");
  expect_invalid(with(org("450301", OrgLevel::county, "450100")), "450301", "city's four digits");
  expect_invalid(with(org("4501020001", OrgLevel::school, "450102")), "4501020001", "listed twice");
  expect_invalid(with(org("4501020002", OrgLevel::school, "450103")), "4501020002", "not listed");
  expect_invalid(with(org("4501020002", OrgLevel::school, "450100")), "4501020002",
                 "sits under a county");
  expect_invalid(with(org("000000", OrgLevel::ministry, "")), "000000", "implicit");
  // A school's code need not share its county's digits.
  EXPECT_TRUE(OrgTree::build(with(org("4545000001", OrgLevel::school, "450102"))).ok());
  // A parent may be listed after its child.
  auto reversed = nanning();
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_TRUE(OrgTree::build(reversed).ok());
}

TEST(OrgTree, FileErrorsNameTheLine) {
  auto check = [](const std::string& text, const std::string& expected) {
    try {
      YamlSource yaml("orgs.yaml", text);
      read_org_list(yaml, yaml.root());
      ADD_FAILURE() << "accepted: " << text;
    } catch (const SourceError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  check(
      "- {code: \"450000\", name: 广西, level: province}\n- {code: \"450100\", name: x, level: "
      "town, parent: \"450000\"}\n",
      "orgs.yaml:2: unknown level 'town'");
  check(
      "- {code: \"450000\", name: 广西, level: province}\n- {code: \"450100\", name: x, level: "
      "city}\n",
      "orgs.yaml:2: org 450100 needs a 'parent'");
  check(
      "- {code: \"450000\", name: 广西, level: province}\n- {code: \"450100\", name: x, lvl: "
      "city}\n",
      "orgs.yaml:2: unknown key 'lvl'");
  check(
      "- {code: \"450000\", name: 广西, level: province}\n- {code: \"450102\", name: x, level: "
      "county, parent: \"450100\"}\n",
      "orgs.yaml:2: org 450102 (x): parent '450100' is not listed");
  auto missing = load_org_file("/nonexistent/orgs.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/orgs.yaml"), std::string::npos);
}

}  // namespace
}  // namespace xueji
