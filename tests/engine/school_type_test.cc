// A school's type and its grades (Art. 2), schools run directly by a city
// or a province (Art. 5), and the org file's `type:` on every school.

#include <gtest/gtest.h>

#include <set>

#include "engine/core/yaml_source.h"
#include "engine/org/org_tree.h"
#include "engine/org/school_type.h"
#include "tests/engine/org_file_error.h"
#include "tests/engine/test_data.h"

namespace xueji {
namespace {

Org school(const std::string& code, const std::string& parent, std::optional<SchoolType> type) {
  Org o{code, "school " + code, OrgLevel::school, parent};
  o.school_type = type;
  return o;
}

// 南宁市 with one county, a primary school under it, a nine-year school the
// city runs and a special-education school the province runs.
std::vector<Org> nanning() {
  return {Org{"450000", "广西", OrgLevel::province, ""},
          Org{"450100", "南宁市", OrgLevel::city, "450000"},
          Org{"450102", "兴宁区", OrgLevel::county, "450100"},
          school("4501020001", "450102", SchoolType::primary),
          school("4501000001", "450100", SchoolType::nine_year),
          school("4500000001", "450000", SchoolType::special_education)};
}

TEST(SchoolTypeText, RoundTripsEveryTypeAndRefusesOthers) {
  for (auto type :
       {SchoolType::primary, SchoolType::junior, SchoolType::senior, SchoolType::nine_year,
        SchoolType::twelve_year, SchoolType::special_education, SchoolType::specialised}) {
    auto parsed = parse_school_type(to_string(type));
    ASSERT_TRUE(parsed.ok()) << to_string(type);
    EXPECT_EQ(*parsed, type);
  }
  auto bad = parse_school_type("middle");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_org");
  EXPECT_NE(bad.error().message.find("twelve_year"), std::string::npos) << bad.error().message;
}

TEST(SchoolTypeGrades, FollowFromTheType) {
  auto range = [](SchoolType t) {
    const GradeRange r = grades_of(t);
    return std::make_pair(r.first, r.last);
  };
  EXPECT_EQ(range(SchoolType::primary), std::make_pair(1, 6));
  EXPECT_EQ(range(SchoolType::junior), std::make_pair(7, 9));
  EXPECT_EQ(range(SchoolType::senior), std::make_pair(10, 12));
  EXPECT_EQ(range(SchoolType::nine_year), std::make_pair(1, 9));
  EXPECT_EQ(range(SchoolType::twelve_year), std::make_pair(1, 12));
  EXPECT_EQ(range(SchoolType::special_education), std::make_pair(1, 12));
  EXPECT_EQ(range(SchoolType::specialised), std::make_pair(7, 12));
  EXPECT_EQ(promoted_across_stages(SchoolType::nine_year), std::vector<int>{6});
  EXPECT_EQ(promoted_across_stages(SchoolType::twelve_year), (std::vector<int>{6, 9}));
  EXPECT_TRUE(promoted_across_stages(SchoolType::primary).empty());
  EXPECT_TRUE(promoted_across_stages(SchoolType::senior).empty());
}

TEST(SchoolTypeGrades, ARegistrationGradeMustFitTheSchool) {
  auto tree = OrgTree::build(nanning());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_TRUE(check_grade_at_school(*tree, "4501020001", 6).ok());
  auto refused = check_grade_at_school(*tree, "4501020001", 7);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "rule_refused");
  for (const char* part : {"4501020001", "primary", "grade 7", "Art. 2"}) {
    EXPECT_NE(refused.error().message.find(part), std::string::npos) << refused.error().message;
  }
  EXPECT_TRUE(check_grade_at_school(*tree, "4501000001", 9).ok());
  EXPECT_EQ(check_grade_at_school(*tree, "4501000001", 10).error().code, "rule_refused");
  EXPECT_EQ(check_grade_at_school(*tree, "450102", 3).error().code, "unknown_org");
  EXPECT_EQ(check_grade_at_school(*tree, "4599999999", 3).error().code, "unknown_org");
  // A school built without a type (an old database's copy) is not refused.
  auto untyped = OrgTree::build({Org{"450000", "广西", OrgLevel::province, ""},
                                 school("4500000002", "450000", std::nullopt)});
  ASSERT_TRUE(untyped.ok()) << untyped.error().message;
  EXPECT_TRUE(check_grade_at_school(*untyped, "4500000002", 12).ok());
}

// Art. 5: a city or a province runs some schools itself; the next level up
// of such a school, and where its escalations go, is that city or province.
TEST(DirectlyRunSchools, SitUnderTheirCityOrProvinceAndClimbToIt) {
  auto tree = OrgTree::build(nanning());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->superior("4501000001")->code, "450100");
  EXPECT_EQ(tree->superior("4500000001")->code, "450000");
  EXPECT_EQ(tree->superior("450100")->code, "450000");
  EXPECT_TRUE(tree->contains("450100", "4501000001"));
  EXPECT_FALSE(tree->contains("450102", "4501000001"));
  EXPECT_EQ(tree->ancestor_at("4501000001", OrgLevel::county), nullptr);
  EXPECT_EQ(tree->province_of("4500000001"), "450000");
}

TEST(DirectlyRunSchools, OnlyASchoolHasAType) {
  auto orgs = nanning();
  orgs[2].school_type = SchoolType::primary;  // the county
  auto tree = OrgTree::build(orgs);
  ASSERT_FALSE(tree.ok());
  EXPECT_NE(tree.error().message.find("only a school has a school type"), std::string::npos)
      << tree.error().message;
}

const char* kNanning =
    "- {code: \"450000\", name: 广西壮族自治区, level: province}\n"
    "- {code: \"450100\", name: 南宁市, level: city, parent: \"450000\"}\n";

TEST(OrgFileSchoolTypes, ASchoolWithoutATypeIsAnErrorAtItsLine) {
  const std::string message =
      read_error(std::string(kNanning) +
                 "- {code: \"4501000001\", name: 学校, level: school, parent: \"450100\"}\n");
  EXPECT_EQ(message.rfind("orgs.yaml:3: ", 0), 0u) << message;
  EXPECT_NE(message.find("needs a 'type'"), std::string::npos) << message;
  const std::string unknown = read_error(
      std::string(kNanning) +
      "- {code: \"4501000001\", name: 学校, level: school, type: middle, parent: \"450100\"}\n");
  EXPECT_EQ(unknown.rfind("orgs.yaml:3: ", 0), 0u) << unknown;
  EXPECT_NE(unknown.find("unknown school type 'middle'"), std::string::npos) << unknown;
  const std::string on_a_city = read_error(
      "- {code: \"450000\", name: 广西壮族自治区, level: province}\n"
      "- {code: \"450100\", name: 南宁市, level: city, type: primary, parent: \"450000\"}\n");
  EXPECT_EQ(on_a_city.rfind("orgs.yaml:2: ", 0), 0u) << on_a_city;
  EXPECT_NE(on_a_city.find("only a school"), std::string::npos) << on_a_city;
}

TEST(OrgFileSchoolTypes, ReadsTheTypeOfACityRunSchool) {
  YamlSource yaml("orgs.yaml", std::string(kNanning) +
                                   "- {code: \"4501000001\", name: 学校, level: school, type: "
                                   "nine_year, parent: \"450100\"}\n");
  const OrgTree tree = read_org_list(yaml, yaml.root());
  ASSERT_TRUE(tree.find("4501000001")->school_type.has_value());
  EXPECT_EQ(*tree.find("4501000001")->school_type, SchoolType::nine_year);
}

TEST(DemoSchoolTypes, EverySchoolHasATypeAndEachProvinceANineAndATwelveYearSchool) {
  auto tree = load_org_file(test::project_path("config/demo/orgs.yaml"));
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  std::map<std::string, std::set<SchoolType>> types;
  int direct = 0;
  for (const Org* o : tree->all()) {
    if (o->level != OrgLevel::school) continue;
    ASSERT_TRUE(o->school_type.has_value()) << o->code;
    types[tree->province_of(o->code)].insert(*o->school_type);
    const OrgLevel above = tree->superior(o->code)->level;
    if (above != OrgLevel::county) ++direct;
    if (above == OrgLevel::county && o->code.substr(6) == "0003") {
      EXPECT_EQ(*o->school_type, SchoolType::senior) << o->code;
    }
  }
  EXPECT_GE(direct, 1);
  ASSERT_EQ(types.size(), 3u);
  for (const auto& [province, present] : types) {
    EXPECT_EQ(present.count(SchoolType::nine_year), 1u) << province;
    EXPECT_EQ(present.count(SchoolType::twelve_year), 1u) << province;
  }
}

}  // namespace
}  // namespace xueji
