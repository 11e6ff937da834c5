// The five-level org tree against its contract: the walks the decider relies
// on (superior, contains, ancestor_at, province_of, children), every rule
// OrgTree::build refuses, the org-file reader's file:line errors, and the
// shipped demo tree. Suite names differ from orgs_test.cc so that both can
// live in engine_tests without clashing test names.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "engine/core/yaml_source.h"
#include "engine/org/org_tree.h"
#include "engine/org/provinces.h"
#include "tests/engine/org_file_error.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

Org org(const std::string& code, OrgLevel level, const std::string& parent) {
  return Org{code, "org " + code, level, parent};
}

// Two counties of 南宁市 with two schools each, deliberately listed out of
// code order (children must still come back sorted) and with every child
// before its parent (a parent may be listed after its child).
std::vector<Org> nanning_orgs() {
  return {
      org("4501030002", OrgLevel::school, "450103"), org("4501030001", OrgLevel::school, "450103"),
      org("4501020002", OrgLevel::school, "450102"), org("4501020001", OrgLevel::school, "450102"),
      org("450103", OrgLevel::county, "450100"),     org("450102", OrgLevel::county, "450100"),
      org("450100", OrgLevel::city, "450000"),       org("450000", OrgLevel::province, ""),
  };
}

std::vector<Org> nanning_with(Org extra) {
  auto orgs = nanning_orgs();
  orgs.push_back(std::move(extra));
  return orgs;
}

OrgTree nanning_tree() {
  auto tree = OrgTree::build(nanning_orgs());
  EXPECT_TRUE(tree.ok()) << tree.error().message;
  return tree.ok() ? std::move(*tree) : OrgTree();
}

std::vector<std::string> codes(const std::vector<const Org*>& orgs) {
  std::vector<std::string> out;
  for (const Org* o : orgs) out.push_back(o->code);
  return out;
}

// ---------------------------------------------------------------- levels

TEST(OrgLevelText, RoundTripsEveryLevel) {
  const std::map<OrgLevel, std::string> names = {{OrgLevel::ministry, "ministry"},
                                                 {OrgLevel::province, "province"},
                                                 {OrgLevel::city, "city"},
                                                 {OrgLevel::county, "county"},
                                                 {OrgLevel::school, "school"}};
  for (const auto& [level, name] : names) {
    EXPECT_EQ(to_string(level), name);
    auto parsed = parse_org_level(name);
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(*parsed, level);
  }
}

TEST(OrgLevelText, RefusesAnUnknownLevel) {
  for (const char* bad : {"town", "", "School", "district"}) {
    auto parsed = parse_org_level(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "invalid_org");
    EXPECT_NE(parsed.error().message.find("'" + std::string(bad) + "'"), std::string::npos)
        << parsed.error().message;
  }
}

// ---------------------------------------------------------------- queries

TEST(OrgTreeQueries, AnEmptyTreeHoldsJustTheMinistry) {
  const OrgTree tree;
  EXPECT_EQ(tree.size(), 1u);
  const Org* ministry = tree.find(OrgTree::kMinistryCode);
  ASSERT_NE(ministry, nullptr);
  EXPECT_EQ(ministry->code, "000000");
  EXPECT_EQ(ministry->name, "教育部");
  EXPECT_EQ(ministry->level, OrgLevel::ministry);
  EXPECT_EQ(ministry->parent, "");
  EXPECT_EQ(codes(tree.all()), std::vector<std::string>{"000000"});
  EXPECT_TRUE(tree.children("000000").empty());

  auto built = OrgTree::build({});
  ASSERT_TRUE(built.ok()) << built.error().message;
  EXPECT_EQ(built->size(), 1u);
}

TEST(OrgTreeQueries, SuperiorClimbsSchoolToMinistryThenStops) {
  const OrgTree tree = nanning_tree();
  std::vector<std::string> chain;
  for (const Org* o = tree.find("4501020001"); o != nullptr; o = tree.superior(o->code)) {
    chain.push_back(o->code);
  }
  EXPECT_EQ(chain,
            (std::vector<std::string>{"4501020001", "450102", "450100", "450000", "000000"}));
  EXPECT_EQ(tree.superior("000000"), nullptr);
  EXPECT_EQ(tree.superior("999999"), nullptr);
  EXPECT_EQ(tree.superior(""), nullptr);
}

TEST(OrgTreeQueries, AStepsAuthorityIsASchoolsParentOrTheOrgItself) {
  // Art. 5: a city may run a school directly; its steps are the city's.
  auto tree = OrgTree::build(nanning_with(org("4501000001", OrgLevel::school, "450100")));
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->authority_over("4501020001"), "450102");
  EXPECT_EQ(tree->authority_over("4501000001"), "450100");
  EXPECT_EQ(tree->authority_over("450102"), "450102");
  EXPECT_EQ(tree->authority_over("450000"), "450000");
  EXPECT_EQ(tree->authority_over("000000"), "000000");
  // A code the tree does not hold is its own, as migration 0034 names it.
  EXPECT_EQ(tree->authority_over("4509990001"), "4509990001");
}

TEST(OrgTreeQueries, AnOmittedProvinceParentBecomesTheMinistry) {
  const OrgTree tree = nanning_tree();
  EXPECT_EQ(tree.find("450000")->parent, "000000");
  EXPECT_EQ(codes(tree.children("000000")), std::vector<std::string>{"450000"});
}

TEST(OrgTreeQueries, FindAndGet) {
  const OrgTree tree = nanning_tree();
  ASSERT_NE(tree.find("450102"), nullptr);
  EXPECT_EQ(tree.find("450102")->level, OrgLevel::county);
  EXPECT_EQ(tree.find("450102")->name, "org 450102");
  EXPECT_EQ(tree.find("450199"), nullptr);

  auto known = tree.get("4501030001");
  ASSERT_TRUE(known.ok()) << known.error().message;
  EXPECT_EQ((*known)->parent, "450103");

  auto unknown = tree.get("450199");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_org");
  EXPECT_NE(unknown.error().message.find("450199"), std::string::npos) << unknown.error().message;
}

TEST(OrgTreeQueries, ContainsIsReflexiveAndFollowsParentsOnly) {
  const OrgTree tree = nanning_tree();
  EXPECT_TRUE(tree.contains("4501020001", "4501020001"));
  EXPECT_TRUE(tree.contains("450102", "4501020001"));
  EXPECT_TRUE(tree.contains("450100", "4501020001"));
  EXPECT_TRUE(tree.contains("450000", "4501020001"));
  EXPECT_TRUE(tree.contains("000000", "4501020001"));
  EXPECT_TRUE(tree.contains("000000", "000000"));
  // Not downwards, not sideways, not for unknown codes.
  EXPECT_FALSE(tree.contains("4501020001", "450102"));
  EXPECT_FALSE(tree.contains("450103", "4501020001"));
  EXPECT_FALSE(tree.contains("4501020002", "4501020001"));
  EXPECT_FALSE(tree.contains("450000", "450199"));
  EXPECT_FALSE(tree.contains("450199", "450199"));
}

TEST(OrgTreeQueries, AncestorAtFindsTheOrgAtALevelOnThePathUp) {
  const OrgTree tree = nanning_tree();
  EXPECT_EQ(tree.ancestor_at("4501030002", OrgLevel::county)->code, "450103");
  EXPECT_EQ(tree.ancestor_at("4501030002", OrgLevel::city)->code, "450100");
  EXPECT_EQ(tree.ancestor_at("4501030002", OrgLevel::province)->code, "450000");
  EXPECT_EQ(tree.ancestor_at("4501030002", OrgLevel::ministry)->code, "000000");
  // The org itself when it is at that level.
  EXPECT_EQ(tree.ancestor_at("4501030002", OrgLevel::school)->code, "4501030002");
  EXPECT_EQ(tree.ancestor_at("450100", OrgLevel::city)->code, "450100");
  // Nothing below the org, nothing for an unknown code.
  EXPECT_EQ(tree.ancestor_at("450100", OrgLevel::county), nullptr);
  EXPECT_EQ(tree.ancestor_at("000000", OrgLevel::province), nullptr);
  EXPECT_EQ(tree.ancestor_at("450199", OrgLevel::ministry), nullptr);
}

TEST(OrgTreeQueries, ProvinceOfFollowsTheTreeNotTheDigits) {
  // A school whose code starts with another province's digits still belongs
  // to the province of its county: the tree decides, not the code.
  auto tree = OrgTree::build(nanning_with(org("4400000001", OrgLevel::school, "450102")));
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->province_of("4400000001"), "450000");
  EXPECT_EQ(tree->province_of("4501020001"), "450000");
  EXPECT_EQ(tree->province_of("450102"), "450000");
  EXPECT_EQ(tree->province_of("450100"), "450000");
  EXPECT_EQ(tree->province_of("450000"), "450000");
  EXPECT_EQ(tree->province_of("000000"), "");
  EXPECT_EQ(tree->province_of("440000"), "");  // a known province code, but not in this tree
}

TEST(OrgTreeQueries, ChildrenAreTheDirectOnesSortedByCode) {
  const OrgTree tree = nanning_tree();
  EXPECT_EQ(codes(tree.children("450100")), (std::vector<std::string>{"450102", "450103"}));
  EXPECT_EQ(codes(tree.children("450103")), (std::vector<std::string>{"4501030001", "4501030002"}));
  EXPECT_EQ(codes(tree.children("450000")), std::vector<std::string>{"450100"});
  EXPECT_TRUE(tree.children("4501030001").empty());
  EXPECT_TRUE(tree.children("450199").empty());
}

TEST(OrgTreeQueries, AllListsEveryOrgSortedWithTheMinistryFirst) {
  const OrgTree tree = nanning_tree();
  const auto all = codes(tree.all());
  // Plain string order: "450000" < "450100" < "450102" < "4501020001" < "450103".
  EXPECT_EQ(all, (std::vector<std::string>{"000000", "450000", "450100", "450102", "4501020001",
                                           "4501020002", "450103", "4501030001", "4501030002"}));
  EXPECT_EQ(tree.size(), 9u);
  EXPECT_EQ(all.size(), tree.size());
}

// ---------------------------------------------------------------- accepted

TEST(OrgTreeRules, AcceptsTheMinistryAsAnExplicitProvinceParent) {
  auto orgs = nanning_orgs();
  for (auto& o : orgs) {
    if (o.level == OrgLevel::province) o.parent = "000000";
  }
  auto tree = OrgTree::build(orgs);
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->superior("450000")->code, "000000");
}

TEST(OrgTreeRules, AcceptsASchoolCodeUnrelatedToItsCounty) {
  auto tree = OrgTree::build(nanning_with(org("4545000001", OrgLevel::school, "450102")));
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->superior("4545000001")->code, "450102");
}

TEST(OrgTreeRules, AcceptsParentsInAnyOrder) {
  auto orgs = nanning_orgs();
  std::reverse(orgs.begin(), orgs.end());  // now parents first
  auto forwards = OrgTree::build(orgs);
  auto backwards = OrgTree::build(nanning_orgs());
  ASSERT_TRUE(forwards.ok()) << forwards.error().message;
  ASSERT_TRUE(backwards.ok()) << backwards.error().message;
  EXPECT_EQ(codes(forwards->all()), codes(backwards->all()));
}

// ---------------------------------------------------------------- refused

// Asserts that building `orgs` is refused as invalid_org with a message that
// names `code` and contains `rule`.
void expect_refused(std::vector<Org> orgs, const std::string& code, const std::string& rule) {
  auto tree = OrgTree::build(std::move(orgs));
  ASSERT_FALSE(tree.ok()) << "accepted, expected: " << rule;
  EXPECT_EQ(tree.error().code, "invalid_org");
  EXPECT_NE(tree.error().message.find(code), std::string::npos) << tree.error().message;
  EXPECT_NE(tree.error().message.find(rule), std::string::npos) << tree.error().message;
}

TEST(OrgTreeRules, RefusesADivisionCodeThatIsNotSixDigits) {
  expect_refused(nanning_with(org("45000", OrgLevel::province, "")), "45000", "6 digits");
  expect_refused(nanning_with(org("4504000", OrgLevel::city, "450000")), "4504000", "6 digits");
  expect_refused(nanning_with(org("4501A4", OrgLevel::county, "450100")), "4501A4", "6 digits");
  expect_refused(nanning_with(org("", OrgLevel::county, "450100")), "county code", "6 digits");
}

TEST(OrgTreeRules, RefusesASchoolCodeThatIsNotTenDigits) {
  expect_refused(nanning_with(org("450102001", OrgLevel::school, "450102")), "450102001",
                 "10 digits");
  expect_refused(nanning_with(org("45010200011", OrgLevel::school, "450102")), "45010200011",
                 "10 digits");
  expect_refused(nanning_with(org("450102000X", OrgLevel::school, "450102")), "450102000X",
                 "10 digits");
  // A county-shaped code is no school code.
  expect_refused(nanning_with(org("450104", OrgLevel::school, "450102")), "450104", "10 digits");
}

TEST(OrgTreeRules, RefusesADuplicateCode) {
  expect_refused(nanning_with(org("4501020001", OrgLevel::school, "450102")), "4501020001",
                 "listed twice");
  expect_refused(nanning_with(org("450000", OrgLevel::province, "")), "450000", "listed twice");
}

TEST(OrgTreeRules, RefusesAMissingParent) {
  expect_refused(nanning_with(org("4501070001", OrgLevel::school, "450107")), "4501070001",
                 "parent '450107' is not listed");
  expect_refused(nanning_with(org("450300", OrgLevel::city, "440000")), "450300",
                 "parent '440000' is not listed");
  expect_refused(nanning_with(org("450107", OrgLevel::county, "")), "450107", "is not listed");
}

TEST(OrgTreeRules, RefusesAParentThatIsNotExactlyOneLevelUp) {
  // A province under anything but the ministry.
  auto orgs = nanning_orgs();
  orgs.push_back(org("440000", OrgLevel::province, "450000"));
  expect_refused(orgs, "440000", "sits under a ministry");
  // A city straight under the ministry.
  expect_refused(nanning_with(org("450300", OrgLevel::city, "000000")), "450300",
                 "sits under a province");
  // A county under a province (skipping the city).
  expect_refused(nanning_with(org("450001", OrgLevel::county, "450000")), "450001",
                 "sits under a city");
  // A county under a county.
  expect_refused(nanning_with(org("450104", OrgLevel::county, "450102")), "450104",
                 "sits under a city");
  // A school under another school, and under the ministry.
  expect_refused(nanning_with(org("4501020009", OrgLevel::school, "4501020001")), "4501020009",
                 "sits under a county");
  expect_refused(nanning_with(org("0000000001", OrgLevel::school, "000000")), "0000000001",
                 "sits under a county");
}

TEST(OrgTreeRules, RefusesAnUnknownProvinceCode) {
  expect_refused(nanning_with(org("990000", OrgLevel::province, "")), "990000", "province code");
  expect_refused(nanning_with(org("710000", OrgLevel::province, "")), "710000",
                 "province code");  // not one of the 31 mainland divisions served
  expect_refused(nanning_with(org("440100", OrgLevel::province, "")), "440100",
                 "province code");  // a city's code
}

TEST(OrgTreeRules, RefusesACityOutsideItsProvincesDigits) {
  expect_refused(nanning_with(org("440100", OrgLevel::city, "450000")), "440100",
                 "province's two digits");
}

TEST(OrgTreeRules, RefusesACityCodeNotEndingInDoubleZero) {
  expect_refused(nanning_with(org("450301", OrgLevel::city, "450000")), "450301", "ends in 00");
}

TEST(OrgTreeRules, RefusesACountyOutsideItsCitysDigits) {
  expect_refused(nanning_with(org("450302", OrgLevel::county, "450100")), "450302",
                 "city's four digits");
  expect_refused(nanning_with(org("440102", OrgLevel::county, "450100")), "440102",
                 "city's four digits");
}

TEST(OrgTreeRules, RefusesACountyCodeEndingInDoubleZero) {
  expect_refused(nanning_with(org("450200", OrgLevel::county, "450100")), "450200",
                 "does not end in 00");
}

TEST(OrgTreeRules, RefusesListingTheMinistry) {
  expect_refused(nanning_with(org("000000", OrgLevel::ministry, "")), "000000", "implicit");
}

// ---------------------------------------------------------------- org files

void expect_line_error(const std::string& text, const std::string& where,
                       const std::string& reason) {
  const std::string message = read_error(text);
  ASSERT_FALSE(message.empty()) << "accepted:\n" << text;
  EXPECT_EQ(message.rfind(where + ": ", 0), 0u) << message;
  EXPECT_NE(message.find(reason), std::string::npos) << message;
}

const char* kGuangxi =
    "- {code: \"450000\", name: 广西壮族自治区, level: province}\n"
    "- {code: \"450100\", name: 南宁市, level: city, parent: \"450000\"}\n";

TEST(OrgFile, ReadsAList) {
  YamlSource yaml("orgs.yaml", std::string(kGuangxi) +
                                   "- {code: \"450102\", name: 兴宁区, level: county, parent: "
                                   "\"450100\"}\n");
  const OrgTree tree = read_org_list(yaml, yaml.root());
  EXPECT_EQ(tree.size(), 4u);
  EXPECT_EQ(tree.find("450100")->name, "南宁市");
  EXPECT_EQ(tree.superior("450102")->code, "450100");
}

TEST(OrgFile, RefusesSomethingOtherThanAList) {
  expect_line_error("code: \"450000\"\n", "orgs.yaml:1", "must be a list");
}

TEST(OrgFile, RefusesAnUnknownKey) {
  expect_line_error(std::string(kGuangxi) +
                        "- {code: \"450102\", name: 兴宁区, lvl: county, parent: \"450100\"}\n",
                    "orgs.yaml:3", "unknown key 'lvl'");
}

TEST(OrgFile, RefusesAMissingCodeNameOrLevel) {
  expect_line_error(std::string(kGuangxi) + "- {name: 兴宁区, level: county, parent: \"450100\"}\n",
                    "orgs.yaml:3", "missing 'code'");
  expect_line_error(
      std::string(kGuangxi) + "- {code: \"450102\", level: county, parent: \"450100\"}\n",
      "orgs.yaml:3", "missing 'name'");
  expect_line_error(
      std::string(kGuangxi) + "- {code: \"450102\", name: 兴宁区, parent: \"450100\"}\n",
      "orgs.yaml:3", "missing 'level'");
}

TEST(OrgFile, RefusesABadLevel) {
  expect_line_error(std::string(kGuangxi) +
                        "- {code: \"450102\", name: 兴宁区, level: district, parent: \"450100\"}\n",
                    "orgs.yaml:3", "unknown level 'district'");
}

TEST(OrgFile, RefusesAMissingParentBelowProvinceLevel) {
  expect_line_error(std::string(kGuangxi) + "- {code: \"450102\", name: 兴宁区, level: county}\n",
                    "orgs.yaml:3", "450102");
}

// Structural errors come from OrgTree::build but must point at the entry.
TEST(OrgFile, MapsStructuralErrorsToTheEntrysLine) {
  expect_line_error(std::string(kGuangxi) +
                        "- {code: \"450102\", name: 兴宁区, level: county, parent: \"450300\"}\n",
                    "orgs.yaml:3", "450102");
  expect_line_error(std::string(kGuangxi) +
                        "- {code: \"450302\", name: 秀峰区, level: county, parent: \"450100\"}\n",
                    "orgs.yaml:3", "city's four digits");
  expect_line_error(std::string(kGuangxi) +
                        "- {code: \"45010200\", name: 学校, level: school, type: primary, "
                        "parent: \"450100\"}\n",
                    "orgs.yaml:3", "10 digits");
  // Parent listed after the child: fine; the bad third entry still gets its line.
  expect_line_error(
      "- {code: \"450100\", name: 南宁市, level: city, parent: \"450000\"}\n"
      "- {code: \"450000\", name: 广西壮族自治区, level: province}\n"
      "- {code: \"4501000001\", name: 学校, level: school, type: primary, parent: \"000000\"}\n",
      "orgs.yaml:3", "sits under a county");
  expect_line_error(std::string(kGuangxi) + "- {code: \"990000\", name: 无, level: province}\n",
                    "orgs.yaml:3", "990000");
}

// A unique temporary file holding `text`, removed when the test ends.
class TempOrgFile {
 public:
  explicit TempOrgFile(const std::string& text) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("xueji-orgs-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".yaml"))
                .string();
    std::ofstream(path_) << text;
  }
  ~TempOrgFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(OrgFile, PointsADuplicateAtItsSecondListing) {
  expect_line_error(
      std::string(kGuangxi) + "- {code: \"450100\", name: 南宁, level: city, parent: \"450000\"}\n",
      "orgs.yaml:3", "listed twice");
}

TEST(OrgFile, LoadsAListOrAMappingWithOrgs) {
  const TempOrgFile list(kGuangxi);
  auto from_list = load_org_file(list.path());
  ASSERT_TRUE(from_list.ok()) << from_list.error().message;
  EXPECT_EQ(from_list->size(), 3u);

  std::string indented;
  for (char c : std::string(kGuangxi)) {
    indented += c;
    if (c == '\n') indented += "  ";
  }
  const TempOrgFile map("orgs:\n  " + indented);
  auto from_map = load_org_file(map.path());
  ASSERT_TRUE(from_map.ok()) << from_map.error().message;
  EXPECT_EQ(codes(from_map->all()), codes(from_list->all()));
}

TEST(OrgFile, LoadErrorsAreInvalidFileWithFileAndLine) {
  const TempOrgFile bad(std::string(kGuangxi) +
                        "- {code: \"450102\", name: 兴宁区, level: county, parent: \"450300\"}\n");
  auto loaded = load_org_file(bad.path());
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "invalid_file");
  EXPECT_EQ(loaded.error().message.rfind(bad.path() + ":3: ", 0), 0u) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find("450102"), std::string::npos) << loaded.error().message;

  const TempOrgFile unknown_key(
      "orgs:\n  - {code: \"450000\", name: 广西, level: province}\n"
      "schools: []\n");
  auto refused = load_org_file(unknown_key.path());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_file");
  EXPECT_EQ(refused.error().message.rfind(unknown_key.path() + ":3: ", 0), 0u)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("unknown key 'schools'"), std::string::npos);

  const TempOrgFile syntax("- {code: \"450000\", name: 广西, level: province\n");
  auto broken = load_org_file(syntax.path());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, "invalid_file");
  EXPECT_EQ(broken.error().message.rfind(syntax.path() + ":", 0), 0u) << broken.error().message;
}

TEST(OrgFile, AnUnreadableFileIsNamed) {
  auto missing = load_org_file("/nonexistent/xueji/orgs.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/xueji/orgs.yaml"), std::string::npos)
      << missing.error().message;
}

// ---------------------------------------------------------------- the demo

class DemoOrgs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = load_org_file(test::project_path("config/demo/orgs.yaml"));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    tree_ = new OrgTree(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete tree_;
    tree_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(tree_, nullptr) << "the demo tree did not load"; }

  static const OrgTree* tree_;
};
const OrgTree* DemoOrgs::tree_ = nullptr;

TEST_F(DemoOrgs, HasThreeProvincesSixCitiesTwelveCountiesFortyThreeSchools) {
  std::map<OrgLevel, int> count;
  for (const Org* o : tree_->all()) ++count[o->level];
  EXPECT_EQ(count[OrgLevel::ministry], 1);
  EXPECT_EQ(count[OrgLevel::province], 3);
  EXPECT_EQ(count[OrgLevel::city], 6);
  EXPECT_EQ(count[OrgLevel::county], 12);
  EXPECT_EQ(count[OrgLevel::school], 43);
  EXPECT_EQ(tree_->size(), 65u);
  EXPECT_EQ(codes(tree_->children("000000")),
            (std::vector<std::string>{"330000", "440000", "450000"}));
}

TEST_F(DemoOrgs, UsesTheRealDivisionNames) {
  const std::map<std::string, std::string> expected = {
      {"450000", "广西壮族自治区"}, {"450100", "南宁市"}, {"450102", "兴宁区"},
      {"450103", "青秀区"},         {"450300", "桂林市"}, {"450302", "秀峰区"},
      {"450303", "叠彩区"},         {"440000", "广东省"}, {"440100", "广州市"},
      {"440103", "荔湾区"},         {"440104", "越秀区"}, {"440300", "深圳市"},
      {"440303", "罗湖区"},         {"440304", "福田区"}, {"330000", "浙江省"},
      {"330100", "杭州市"},         {"330102", "上城区"}, {"330105", "拱墅区"},
      {"330200", "宁波市"},         {"330203", "海曙区"}, {"330205", "江北区"},
  };
  for (const auto& [code, name] : expected) {
    const Org* o = tree_->find(code);
    ASSERT_NE(o, nullptr) << code;
    EXPECT_EQ(o->name, name) << code;
  }
  for (const Org* province : tree_->children("000000")) {
    EXPECT_EQ(province->name, province_name(province->code));
  }
}

TEST_F(DemoOrgs, EachCountyHasThreeNumberedSchoolsOneASeniorHighSchool) {
  for (const Org* o : tree_->all()) {
    if (o->level != OrgLevel::county) continue;
    const auto schools = tree_->children(o->code);
    ASSERT_EQ(codes(schools),
              (std::vector<std::string>{o->code + "0001", o->code + "0002", o->code + "0003"}))
        << o->code;
    int senior = 0;
    std::set<std::string> names;
    for (const Org* school : schools) {
      EXPECT_EQ(school->level, OrgLevel::school);
      EXPECT_NE(school->name.find(o->name), std::string::npos) << school->name;
      if (school->name.find("高级中学") != std::string::npos) ++senior;
      names.insert(school->name);
    }
    EXPECT_EQ(senior, 1) << o->code;
    EXPECT_EQ(names.size(), 3u) << o->code;
  }
}

TEST_F(DemoOrgs, EverySchoolIsInTheProvinceItsDigitsName) {
  for (const Org* o : tree_->all()) {
    if (o->level == OrgLevel::ministry) continue;
    // Demo codes are real divisions, so the digits and the tree agree.
    EXPECT_EQ(tree_->province_of(o->code), xueji::province_of(o->code)) << o->code;
  }
  EXPECT_EQ(tree_->superior(tree_->superior("3302050003")->code)->name, "宁波市");
}

}  // namespace
}  // namespace xueji
