// The province-sized generator (issue 17): a Guangdong-sized tree that the
// org tree accepts, and a roster whose every student could be registered:
// a valid, unique resident ID that agrees with the birth date, the gender
// and the county, a grade the school's type teaches (Art. 2).

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_set>

#include "engine/core/sha256.h"
#include "engine/org/org_tree.h"
#include "engine/simulation/province_generator.h"
#include "engine/student/resident_id.h"

namespace xueji {
namespace {

ProvinceSpec small(uint64_t seed = 7) {
  ProvinceSpec spec;
  spec.province = "440000";
  spec.cities = 21;
  spec.counties = 120;
  spec.schools = 2000;
  spec.students = 50000;
  spec.seed = seed;
  return spec;
}

// Everything a roster says, in order, as one digest.
std::string roster_digest(const ProvinceGenerator& g) {
  std::string all;
  auto status = g.for_each_student([&](const Student& s) {
    all += s.registration_number + s.name + s.school + std::to_string(s.grade) +
           std::string(to_string(s.status)) + s.birth_date.to_string() +
           std::string(to_string(s.gender)) + "\n";
  });
  EXPECT_TRUE(status.ok());
  return sha256_hex(all);
}

std::string orgs_text(const ProvinceGenerator& g) {
  std::string all;
  for (const Org& o : g.orgs()) {
    all += o.code + o.name + o.parent + std::string(to_string(o.level)) +
           (o.school_type ? std::string(to_string(*o.school_type)) : "") + "\n";
  }
  return all;
}

TEST(ProvinceGenerator, TheSameSeedGivesTheSameProvince) {
  auto a = ProvinceGenerator::create(small(7));
  auto b = ProvinceGenerator::create(small(7));
  auto c = ProvinceGenerator::create(small(8));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(orgs_text(*a), orgs_text(*b));
  EXPECT_NE(orgs_text(*a), orgs_text(*c));
  const std::string first = roster_digest(*a);
  EXPECT_EQ(first, roster_digest(*a)) << "a second pass yields the same students";
  EXPECT_EQ(first, roster_digest(*b));
  EXPECT_NE(first, roster_digest(*c));
}

TEST(ProvinceGenerator, GuangdongSizedByDefault) {
  auto g = ProvinceGenerator::create(ProvinceSpec{});
  ASSERT_TRUE(g.ok()) << g.error().message;
  std::map<OrgLevel, int> levels;
  std::map<SchoolType, int> types;
  std::map<std::string, int> counties_per_city;
  int city_run = 0;
  for (const Org& o : g->orgs()) {
    ++levels[o.level];
    ASSERT_EQ(o.school_type.has_value(), o.level == OrgLevel::school) << o.code;
    if (o.level == OrgLevel::school) {
      ++types[*o.school_type];
      EXPECT_EQ(o.code.size(), 10u);
      EXPECT_EQ(o.code.substr(0, 6), o.parent) << "numbered under its parent";
      if (o.parent.substr(4) == "00") ++city_run;
    }
    if (o.level == OrgLevel::city) {
      EXPECT_EQ(o.code.substr(0, 2), "44");
      EXPECT_EQ(o.code.substr(4), "00");
    }
    if (o.level == OrgLevel::county) {
      EXPECT_EQ(o.code.substr(0, 4), o.parent.substr(0, 4));
      EXPECT_NE(o.code.substr(4), "00");
      ++counties_per_city[o.parent];
    }
  }
  EXPECT_EQ(levels[OrgLevel::province], 1);
  EXPECT_EQ(levels[OrgLevel::city], 21);
  EXPECT_EQ(levels[OrgLevel::county], 120);
  EXPECT_EQ(levels[OrgLevel::school], 20000);
  EXPECT_EQ(g->orgs().front().code, "440000");
  EXPECT_EQ(g->orgs().front().name, "广东省");
  // Art. 5: a few run by a city, and every city runs some.
  EXPECT_EQ(city_run, 200);
  EXPECT_EQ(g->city_run_schools(), 200);
  // 120 counties over 21 cities: 5 or 6 each.
  ASSERT_EQ(counties_per_city.size(), 21u);
  for (const auto& [city, n] : counties_per_city) {
    EXPECT_TRUE(n == 5 || n == 6) << city << ": " << n;
  }
  // Mostly primary, then junior, senior, nine-year, twelve-year, a few
  // special-education schools.
  EXPECT_EQ(types[SchoolType::primary], 11000);
  EXPECT_EQ(types[SchoolType::junior], 4000);
  EXPECT_EQ(types[SchoolType::senior], 2000);
  EXPECT_EQ(types[SchoolType::nine_year], 1800);
  EXPECT_EQ(types[SchoolType::twelve_year], 800);
  EXPECT_EQ(types[SchoolType::special_education], 400);
  auto tree = OrgTree::build(g->orgs());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->size(), 1u + 1 + 21 + 120 + 20000);  // and the ministry
}

TEST(ProvinceGenerator, EveryTypeEvenInATinyProvince) {
  ProvinceSpec spec;
  spec.province = "450000";
  spec.cities = 1;
  spec.counties = 1;
  spec.schools = 6;
  spec.students = 60;
  auto g = ProvinceGenerator::create(spec);
  ASSERT_TRUE(g.ok()) << g.error().message;
  std::set<SchoolType> types;
  for (const Org& o : g->orgs()) {
    if (o.school_type) types.insert(*o.school_type);
  }
  EXPECT_EQ(types.size(), 6u);
  EXPECT_EQ(g->city_run_schools(), 0);
  EXPECT_TRUE(OrgTree::build(g->orgs()).ok());
}

TEST(ProvinceGenerator, EveryStudentCouldBeRegistered) {
  const ProvinceSpec spec = small();
  auto g = ProvinceGenerator::create(spec);
  ASSERT_TRUE(g.ok()) << g.error().message;
  auto tree = OrgTree::build(g->orgs());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  const Date today = *Date::from_ymd(2026, 1, 1);
  std::unordered_set<std::string> ids;
  std::map<int, int> per_grade;
  int64_t count = 0, on_leave = 0, male = 0;
  std::string failure;
  auto status = g->for_each_student([&](const Student& s) {
    ++count;
    if (!failure.empty()) return;
    auto fail = [&](const std::string& why) { failure = s.resident_id + ": " + why; };
    auto info = validate_resident_id(s.resident_id, today);
    if (!info) return fail(info.error().message);
    if (info->birth_date != s.birth_date) return fail("birth date " + s.birth_date.to_string());
    if (info->gender != s.gender) return fail("gender");
    if (s.registration_number != "G" + s.resident_id)
      return fail("number " + s.registration_number);
    if (!ids.insert(s.resident_id).second) return fail("listed twice");
    // The division is the school's county, or for a school a city runs,
    // one of the city's counties.
    const Org* county = tree->find(info->division_code);
    if (county == nullptr || county->level != OrgLevel::county) return fail("division");
    const Org* school = tree->find(s.school);
    if (school == nullptr || school->level != OrgLevel::school) return fail("school " + s.school);
    const Org* parent = tree->superior(s.school);
    if (parent->level == OrgLevel::county ? county->code != parent->code
                                          : county->parent != parent->code) {
      return fail("division " + county->code + " for a school under " + parent->code);
    }
    // Art. 2: a grade the school's type teaches.
    if (!check_grade_at_school(*tree, s.school, s.grade).ok()) {
      return fail("grade " + std::to_string(s.grade) + " at " + s.school);
    }
    // Grade g in the school year 2025-26 turned 6 between September
    // 2025 - g - 5 and the August after.
    const Date first = *Date::from_ymd(2025 - s.grade - 6, 9, 1);
    const Date last = *Date::from_ymd(2025 - s.grade - 5, 8, 31);
    if (s.birth_date < first || s.birth_date > last) {
      return fail("born " + s.birth_date.to_string() + " for grade " + std::to_string(s.grade));
    }
    if (s.name.size() < 6 || s.name.size() > 9) return fail("name " + s.name);
    if (s.status == StudentStatus::on_leave) {
      ++on_leave;
    } else if (s.status != StudentStatus::enrolled) {
      return fail("status");
    }
    if (s.gender == Gender::male) ++male;
    ++per_grade[s.grade];
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  ASSERT_EQ(failure, "");
  EXPECT_EQ(count, 50000);
  EXPECT_EQ(ids.size(), 50000u);
  EXPECT_EQ(on_leave, 1000);  // one in fifty
  EXPECT_GT(male, 23000);
  EXPECT_LT(male, 27000);
  // Every grade, none starved: the cohorts are within a third of the
  // average (50,000 / 12), senior ones a little smaller.
  ASSERT_EQ(per_grade.size(), 12u);
  for (const auto& [grade, n] : per_grade) {
    EXPECT_GT(n, 2800) << "grade " << grade;
    EXPECT_LT(n, 5500) << "grade " << grade;
  }
}

TEST(ProvinceGenerator, RefusesWhatNoProvinceCouldBe) {
  auto with = [](auto change) {
    ProvinceSpec spec = small();
    change(spec);
    return ProvinceGenerator::create(spec);
  };
  auto bad = with([](ProvinceSpec& s) { s.province = "990000"; });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_field");
  EXPECT_NE(bad.error().message.find("990000"), std::string::npos);
  bad = with([](ProvinceSpec& s) { s.province = "440100"; });  // a city
  EXPECT_FALSE(bad.ok());
  bad = with([](ProvinceSpec& s) { s.counties = 20; });  // fewer than the cities
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("counties"), std::string::npos);
  bad = with([](ProvinceSpec& s) { s.counties = 21 * 99; });
  EXPECT_FALSE(bad.ok());
  bad = with([](ProvinceSpec& s) { s.cities = 100; });
  EXPECT_FALSE(bad.ok());
  bad = with([](ProvinceSpec& s) { s.schools = 0; });
  EXPECT_FALSE(bad.ok());
  bad = with([](ProvinceSpec& s) { s.students = -1; });
  EXPECT_FALSE(bad.ok());
  // More schools under one county than a 4-digit serial numbers.
  bad = with([](ProvinceSpec& s) {
    s.cities = 1;
    s.counties = 1;
    s.schools = 12000;
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("9,999"), std::string::npos);
}

}  // namespace
}  // namespace xueji
