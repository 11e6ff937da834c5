// An org's whole roster read as a stream (ReadModel::each_student_under),
// what `xueji export` writes (Art. 24): every student of the subtree, none
// from outside it, by registration number, across the cursor's batches on
// PostgreSQL and row by row on SQLite; a code that is not one refused.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "adapters/store/read_model.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class RosterReads : public BothBackends {
 protected:
  void SetUp() override {
    url_ = fresh_demo_database(GetParam());
    store_ = open_migrated(url_);
    ASSERT_TRUE(store_ != nullptr);
    // Five in county 450102 over two schools, two in county 450103, one in
    // Guangxi's directly run special school; numbers not in school order.
    const std::vector<std::pair<std::string, std::string>> people = {
        {"4501020002", "005"}, {"4501020001", "001"}, {"4501030001", "002"}, {"4501020001", "007"},
        {"4501020002", "003"}, {"4501030002", "004"}, {"4501020001", "006"}, {"4500000001", "008"}};
    for (const auto& [school, seq] : people) {
      Student s = make_student(school, 5, StudentStatus::enrolled, "20130915", seq);
      ASSERT_TRUE(store_->insert_student(s).ok()) << s.registration_number;
      all_.push_back(s);
    }
  }

  // The numbers each_student_under hands over, in its order.
  std::vector<std::string> read(const std::string& org, size_t batch) {
    std::vector<std::string> numbers;
    auto count = store_->reads.each_student_under(
        org, batch, [&](const Student& s) { numbers.push_back(s.registration_number); });
    EXPECT_TRUE(count.ok()) << count.error().message;
    if (count.ok()) {
      EXPECT_EQ(*count, static_cast<int64_t>(numbers.size()));
    }
    return numbers;
  }

  // What the subtree holds, by number, from the students inserted.
  std::vector<std::string> expected(const std::string& prefix) {
    return numbers_at_schools_under(all_, prefix);
  }

  std::string url_;
  std::unique_ptr<TestStore> store_;
  std::vector<Student> all_;
};

TEST_P(RosterReads, ACountysStudentsComeWholeInNumberOrderAcrossBatches) {
  // Batches of 2 end mid-roster and at its end (5 rows: 2, 2, 1).
  EXPECT_EQ(read("450102", 2), expected("450102"));
  EXPECT_EQ(read("450102", 5), expected("450102"));
  EXPECT_EQ(read("450102", 500), expected("450102"));
  EXPECT_EQ(read("450102", 5).size(), 5u);
}

TEST_P(RosterReads, ASchoolAProvinceAndTheMinistryReadTheirOwnSubtrees) {
  EXPECT_EQ(read("4501020001", 2), expected("4501020001"));
  EXPECT_EQ(read("4501020001", 2).size(), 3u);
  EXPECT_EQ(read("450000", 3), expected("450"));
  EXPECT_EQ(read(OrgTree::kMinistryCode, 3), expected(""));
  EXPECT_EQ(read(OrgTree::kMinistryCode, 3).size(), all_.size());
  // An org with no students, and a code that names no org.
  EXPECT_TRUE(read("4501020003", 2).empty());
  EXPECT_TRUE(read("999999", 2).empty());
}

TEST_P(RosterReads, ACodeThatIsNotOneIsRefusedAndNothingIsRead) {
  int taken = 0;
  auto quoted =
      store_->reads.each_student_under("450102' OR '1'='1", 10, [&](const Student&) { ++taken; });
  ASSERT_FALSE(quoted.ok());
  EXPECT_EQ(quoted.error().code, "invalid_org");
  EXPECT_NE(quoted.error().message.find("450102' OR"), std::string::npos);
  auto no_batch = store_->reads.each_student_under("450102", 0, [&](const Student&) { ++taken; });
  ASSERT_FALSE(no_batch.ok());
  EXPECT_EQ(no_batch.error().code, "invalid_batch");
  EXPECT_EQ(taken, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, RosterReads, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
