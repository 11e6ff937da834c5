// A new case's id: "C", the milliseconds it was made at, then random
// digits; so ids sort in the order they were made (a new case's rows go at
// the end of each index on its id), and a hundred thousand made at once
// are all different.

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "adapters/http/case_ids.h"

namespace xueji::http {
namespace {

TEST(CaseIds, AreCAndTwentyOneHexDigitsLedByTheMillisecondsTheyWereMadeAt) {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string id = new_case_id();
  const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  ASSERT_EQ(id.size(), 22u) << id;
  EXPECT_EQ(id[0], 'C');
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 1), std::string::npos) << id;
  const long long made = std::stoll(id.substr(1, 11), nullptr, 16);
  EXPECT_GE(made, before);
  EXPECT_LE(made, after);
}

TEST(CaseIds, SortInTheOrderTheyWereMadeAndNeverRepeat) {
  std::set<std::string> ids;
  std::string last;
  for (int i = 0; i < 100000; ++i) {
    std::string id = new_case_id();
    ASSERT_TRUE(ids.insert(id).second) << id << " twice";
    // Within one millisecond the order is the random digits'; across
    // milliseconds it is the time's.
    if (!last.empty() && id.compare(0, 12, last, 0, 12) != 0) {
      EXPECT_GT(id, last);
    }
    last = id;
  }
  const std::string earlier = new_case_id();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_LT(earlier, new_case_id());
}

}  // namespace
}  // namespace xueji::http
