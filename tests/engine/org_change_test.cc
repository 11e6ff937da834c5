// Schools that open, are renamed, merge or close on a running engine (Art.
// 12): each change checked against the tree in force, the tree after it,
// and who acts for a school that merged or closed.

#include <gtest/gtest.h>

#include "engine/org/org_change.h"

namespace xueji {
namespace {

Org school(const std::string& code, const std::string& county) {
  return Org{code, "school " + code, OrgLevel::school, county, SchoolType::primary};
}

// Two counties of 南宁市: 450102 with three schools, 450103 with one.
OrgTree nanning() {
  auto tree = OrgTree::build({
      Org{"450000", "广西", OrgLevel::province, ""},
      Org{"450100", "南宁市", OrgLevel::city, "450000"},
      Org{"450102", "兴宁区", OrgLevel::county, "450100"},
      Org{"450103", "青秀区", OrgLevel::county, "450100"},
      school("4501020001", "450102"),
      school("4501020002", "450102"),
      school("4501020003", "450102"),
      school("4501030001", "450103"),
  });
  EXPECT_TRUE(tree.ok()) << tree.error().message;
  return std::move(*tree);
}

OrgChange merge(const std::string& school, const std::string& into) {
  return OrgChange{OrgChangeKind::merge, school, "", "", std::nullopt, into};
}

OrgChange close(const std::string& school, const std::string& keeper) {
  return OrgChange{OrgChangeKind::close, school, "", "", std::nullopt, keeper};
}

TEST(OrgChange, AMergedSchoolStaysInTheTreeAndItsSuccessorActsForIt) {
  const OrgTree before = nanning();
  auto after = apply_org_change(before, merge("4501020001", "4501020002"));
  ASSERT_TRUE(after.ok()) << after.error().message;
  const Org* merged = after->find("4501020001");
  ASSERT_NE(merged, nullptr);
  EXPECT_TRUE(merged->closed());
  EXPECT_EQ(merged->successor, "4501020002");
  EXPECT_EQ(after->acting_for("4501020001")->code, "4501020002");
  EXPECT_EQ(after->acting_for("4501020003")->code, "4501020003");
  EXPECT_EQ(after->acting_for("9999999999"), nullptr);
  // The tree in force is not touched: a change gives a new one.
  EXPECT_FALSE(before.find("4501020001")->closed());
  EXPECT_EQ(records_move_to(*after, merge("4501020001", "4501020002")), "4501020002");
}

TEST(OrgChange, AClosedSchoolIsKeptByItsDepartmentOrBySchoolItNames) {
  auto kept = apply_org_change(nanning(), close("4501020001", "450102"));
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->acting_for("4501020001")->code, "450102");
  // Art. 12: the department keeps the records where they are.
  EXPECT_EQ(records_move_to(*kept, close("4501020001", "450102")), std::nullopt);

  auto named = apply_org_change(nanning(), close("4501020001", "4501020003"));
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_EQ(named->acting_for("4501020001")->code, "4501020003");
  EXPECT_EQ(records_move_to(*named, close("4501020001", "4501020003")), "4501020003");
}

TEST(OrgChange, ASuccessorThatMergesOnPassesItsPredecessorsOn) {
  auto first = apply_org_change(nanning(), merge("4501020001", "4501020002"));
  ASSERT_TRUE(first.ok());
  auto second = apply_org_change(*first, merge("4501020002", "4501020003"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  // One step from the org acting, as the store's conditional writes assume.
  EXPECT_EQ(second->find("4501020001")->successor, "4501020003");
  EXPECT_EQ(second->find("4501020002")->successor, "4501020003");
}

TEST(OrgChange, ASchoolOpensAndIsRenamed) {
  auto opened = apply_org_change(nanning(), OrgChange{OrgChangeKind::open, "4501030009", "新校",
                                                      "450103", SchoolType::junior, ""});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  ASSERT_NE(opened->find("4501030009"), nullptr);
  EXPECT_EQ(opened->superior("4501030009")->code, "450103");
  EXPECT_EQ(opened->find("4501030009")->school_type, SchoolType::junior);

  auto renamed = apply_org_change(
      *opened, OrgChange{OrgChangeKind::rename, "4501030009", "新名", "", std::nullopt, ""});
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->find("4501030009")->name, "新名");
}

TEST(OrgChange, EveryChangeAgainstTheRulesIsRefusedNamingTheRule) {
  auto first_merge = apply_org_change(nanning(), merge("4501020001", "4501020002"));
  ASSERT_TRUE(first_merge.ok());
  struct Case {
    OrgTree tree;
    OrgChange change;
    std::string code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {nanning(), merge("4501020001", "4501020001"), "invalid_org", "cannot succeed itself"},
      {nanning(), merge("4501020001", "4501030001"), "invalid_org", "not under the school's own"},
      {nanning(), merge("4501020001", "450102"), "invalid_org", "merges into a school"},
      {nanning(), merge("4501020001", "4509999999"), "unknown_org", "4509999999"},
      {nanning(), merge("4509999999", "4501020002"), "unknown_org", "4509999999"},
      {nanning(), merge("450102", "4501020002"), "invalid_org", "is a county, not a school"},
      {nanning(), close("4501020001", "450103"), "invalid_org", "department above it (450102)"},
      {nanning(), close("4501020001", "450100"), "invalid_org", "department above it"},
      {*first_merge, merge("4501020001", "4501020003"), "org_closed", "merged or closed already"},
      {*first_merge, merge("4501020003", "4501020001"), "org_closed", "successor 4501020001"},
      {*first_merge, OrgChange{OrgChangeKind::rename, "4501020001", "x", "", std::nullopt, ""},
       "org_closed", "4501020002 acts for it"},
      {nanning(), OrgChange{OrgChangeKind::rename, "4501020001", "", "", std::nullopt, ""},
       "invalid_org", "new name is empty"},
      {nanning(),
       OrgChange{OrgChangeKind::rename, "4501020001", "school 4501020001", "", std::nullopt, ""},
       "invalid_org", "unchanged"},
      {nanning(),
       OrgChange{OrgChangeKind::open, "4501020001", "x", "450102", SchoolType::primary, ""},
       "invalid_org", "code is taken"},
      {nanning(), OrgChange{OrgChangeKind::open, "4501020009", "x", "450102", std::nullopt, ""},
       "invalid_org", "its type (Art. 2)"},
      {nanning(),
       OrgChange{OrgChangeKind::open, "4501020009", "x", "459999", SchoolType::primary, ""},
       "unknown_org", "459999"},
      {nanning(),
       OrgChange{OrgChangeKind::open, "45010200", "x", "450102", SchoolType::primary, ""},
       "invalid_org", "10 digits"},
  };
  for (const auto& c : cases) {
    auto after = apply_org_change(c.tree, c.change);
    ASSERT_FALSE(after.ok()) << to_string(c.change.kind) << " " << c.change.school;
    EXPECT_EQ(after.error().code, c.code) << after.error().message;
    EXPECT_NE(after.error().message.find(c.says), std::string::npos) << after.error().message;
  }
}

TEST(OrgChange, KindsAreReadByName) {
  EXPECT_EQ(parse_org_change_kind("merge").value(), OrgChangeKind::merge);
  auto bad = parse_org_change_kind("split");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("open, rename, merge, close"), std::string::npos);
}

TEST(OrgChange, ATreeWhoseSuccessorIsNotListedIsRefused) {
  auto tree = OrgTree::build({
      Org{"450000", "广西", OrgLevel::province, ""},
      Org{"450100", "南宁市", OrgLevel::city, "450000"},
      Org{"450102", "兴宁区", OrgLevel::county, "450100"},
      Org{"4501020001", "a", OrgLevel::school, "450102", SchoolType::primary, "4501029999"},
  });
  ASSERT_FALSE(tree.ok());
  EXPECT_NE(tree.error().message.find("successor '4501029999'"), std::string::npos);
}

}  // namespace
}  // namespace xueji
