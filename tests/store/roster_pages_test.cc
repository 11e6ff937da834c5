// An org's roster in pages above a school (ReadModel::students_page,
// migration 0033): each org that schools belong to gives its first rows
// after the position and the page is the first of those, so walking the
// pages of a county, a city, a province or the ministry meets each record
// of the subtree once, in number order, however the subtree's numbers
// interleave; a record follows its school when the school changes, and
// a store whose orgs came after its records learns them when they come.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "adapters/store/read_model.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class RosterPages : public BothBackends {
 protected:
  void SetUp() override {
    store_ = open_migrated(fresh_demo_database(GetParam()));
    ASSERT_TRUE(store_ != nullptr);
    // Schools under two counties, a city and a province that run schools
    // directly (Art. 5), and another province; people born across the
    // regions, so that a subtree's numbers interleave with the others'.
    const std::vector<std::string> schools = {"4501020001", "4501030002", "4501000001",
                                              "4500000001", "4503020001", "4401030001",
                                              "4501020002"};
    const std::vector<std::string> born_in = {"450102", "440103", "450302", "330102", "450103"};
    for (int i = 0; i < 41; ++i) {
      Student s = make_student(schools[i % schools.size()], 5);
      char seq[4];
      std::snprintf(seq, sizeof seq, "%03d", i);
      s.resident_id = make_resident_id(born_in[(i * 3) % born_in.size()], "20130915", seq);
      s.registration_number = "G" + s.resident_id;
      ASSERT_TRUE(store_->insert_student(s).ok()) << s.registration_number;
      all_.push_back(s);
    }
  }

  // The numbers the pages of `org` hold, `limit` a page, walked from the
  // first with each page's last number as the next position; every page
  // but the last says more follows.
  std::vector<std::string> walk(const std::string& org, int limit) {
    std::vector<std::string> numbers;
    store::PageQuery query;
    query.limit = limit;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = store_->reads.students_page(org, query);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      EXPECT_LE(page->rows.size(), static_cast<size_t>(limit));
      for (const auto& s : page->rows) numbers.push_back(s.registration_number);
      if (!page->has_more) break;
      EXPECT_EQ(page->rows.size(), static_cast<size_t>(limit)) << org;
      query.after = {page->rows.back().registration_number};
    }
    return numbers;
  }

  // What the subtree holds, by number, from the students inserted.
  std::vector<std::string> expected(const std::string& prefix) {
    return numbers_at_schools_under(all_, prefix);
  }

  void move_to(const std::string& number, const std::string& school) {
    store_->journal().connection().sql()
        << "UPDATE students SET school = :s WHERE registration_number = :n",
        soci::use(school), soci::use(number);
    for (auto& s : all_) {
      if (s.registration_number == number) s.school = school;
    }
  }

  std::unique_ptr<TestStore> store_;
  std::vector<Student> all_;
};

TEST_P(RosterPages, EveryLevelAboveASchoolMeetsItsRecordsOnceInNumberOrder) {
  // County, city (with its own school), province (with its own), another
  // province, the ministry; pages of 1, 2, 3 and 7, and one page of all.
  for (const auto& [org, prefix] :
       std::vector<std::pair<std::string, std::string>>{{"450102", "450102"},
                                                        {"450100", "4501"},
                                                        {"450000", "45"},
                                                        {"440000", "44"},
                                                        {OrgTree::kMinistryCode, ""}}) {
    const auto want = expected(prefix);
    ASSERT_FALSE(want.empty()) << org;
    for (int limit : {1, 2, 3, 7, 500}) EXPECT_EQ(walk(org, limit), want) << org << " " << limit;
  }
  EXPECT_EQ(walk(OrgTree::kMinistryCode, 500).size(), all_.size());
  // A county with no records, and a code that names no org.
  EXPECT_TRUE(walk("450303", 3).empty());
  EXPECT_TRUE(walk("999999", 3).empty());
}

TEST_P(RosterPages, ARecordFollowsItsSchoolToAnotherCounty) {
  const std::string number = expected("4501020001").front();
  move_to(number, "4503030001");
  EXPECT_EQ(walk("450102", 2), expected("450102"));
  EXPECT_EQ(walk("450303", 2), std::vector<std::string>{number});
  EXPECT_EQ(walk("450300", 3), expected("4503"));
  // A school the orgs table does not hold names no subtree's page.
  move_to(number, "4509990001");
  EXPECT_TRUE(walk("450303", 2).empty());
  EXPECT_EQ(walk("450000", 4).size(), expected("45").size() - 1);
}

TEST_P(RosterPages, RecordsStoredBeforeTheOrgsAreListedOnceTheOrgsAre) {
  // The fixture's store gives way to one migrated with no orgs.
  store_.reset();
  auto bare = open_migrated(fresh_database(GetParam()));
  ASSERT_TRUE(bare != nullptr);
  for (const auto& s : all_) ASSERT_TRUE(bare->insert_student(s).ok());
  store::PageQuery query;
  query.limit = 500;
  auto before = bare->reads.students_page("450100", query);
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_TRUE(before->rows.empty());
  seed_demo_orgs(*bare);
  auto after = bare->reads.students_page("450100", query);
  ASSERT_TRUE(after.ok()) << after.error().message;
  std::vector<std::string> numbers;
  for (const auto& s : after->rows) numbers.push_back(s.registration_number);
  EXPECT_EQ(numbers, expected("4501"));
}

TEST_P(RosterPages, ARegistrationBatchLargeEnoughToBeCopiedNamesEachSchoolsParent) {
  // 300 rows in one commit: PostgreSQL takes them as one COPY, whose rows
  // carry the parents looked up before it (copies_in_bulk: 256 rows up).
  const std::vector<std::string> schools = {"3301020001", "3301050002", "3301000001", "3309990001"};
  Transition intake;
  for (int i = 0; i < 300; ++i) {
    char seq[4];
    std::snprintf(seq, sizeof seq, "%03d", i);
    Student s =
        make_student(schools[i % schools.size()], 1, StudentStatus::enrolled, "20190101", seq);
    intake.records.registrations.push_back(s);
    all_.push_back(s);
  }
  ASSERT_TRUE(store_->commit({intake}).ok());
  EXPECT_EQ(walk("330102", 50), expected("330102"));
  EXPECT_EQ(walk("330105", 50).size(), 75u);
  EXPECT_EQ(walk("330100", 100), expected("3301"));
  // The school not in the tree (3309990001) is in no subtree's roster.
  EXPECT_EQ(walk("330000", 500).size(), 225u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterPages, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
