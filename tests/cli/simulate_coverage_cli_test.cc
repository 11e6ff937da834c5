// Issue 15: `xueji simulate` and the shipped scenarios cover each case kind
// the record's life adds and each run: over every scenario under
// tests/scenarios/, the real binary's output opens every such kind, runs a
// promotion and a graduation that change records, corrects a promotion and
// refuses a correction by the engine's rule (Art. 7).

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

// Every line of every shipped scenario's output, parsed.
std::vector<nlohmann::json> all_lines() {
  std::vector<nlohmann::json> out;
  for (const auto& entry : fs::directory_iterator(fs::path(XUEJI_SOURCE_DIR) / "tests/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    auto r = run_xueji({"simulate", entry.path().string()});
    EXPECT_EQ(r.status, 0) << entry.path() << ": " << r.err;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

TEST(SimulateCoverage, TheShippedScenariosOpenEveryKindOfTheRecordsLife) {
  std::set<std::string> opened;
  for (const auto& j : all_lines()) {
    if (j["event"] == "opened") opened.insert(j["kind"].get<std::string>());
  }
  for (const char* kind :
       {"info_change", "grade_change", "graduation", "stage_handover", "archive_build",
        "archive_update", "study_abroad", "return_from_abroad", "roster_check", "dropout_follow_up",
        "specialised_school_entry", "specialised_school_return"}) {
    EXPECT_EQ(opened.count(kind), 1u) << kind << " is opened by no shipped scenario";
  }
}

TEST(SimulateCoverage, TheShippedScenariosRunAPromotionAndAGraduationAndCorrectOne) {
  std::map<std::string, int64_t> changed_by_kind;  // run kind -> records changed
  std::set<std::string> record_events, refused_codes;
  bool promoted = false, graduated = false, corrected = false, reopened = false;
  bool month_over = false, two_grades = false;
  for (const auto& j : all_lines()) {
    const std::string event = j["event"];
    if (event == "run") {
      ASSERT_TRUE(j.contains("run") && j.contains("kind") && j.contains("changed")) << j;
      changed_by_kind[j["kind"]] += j["changed"].get<int64_t>();
    }
    if (event == "record_changed") {
      ASSERT_TRUE(j.contains("run") && j.contains("student")) << j;
      const std::string run = j["run"];
      if (run.rfind("promotion-", 0) == 0 && j.contains("grade")) {
        promoted = j["grade"].get<int>() == j["previous_grade"].get<int>() + 1 || promoted;
      }
      if (run.rfind("graduation-", 0) == 0) {
        graduated = (j.value("status", "") == "graduated") || graduated;
      }
    }
    if (event == "corrected") {
      ASSERT_TRUE(j.contains("run") && j.contains("student") && j.contains("reason")) << j;
      corrected = j["grade"].get<int>() == j["previous_grade"].get<int>() - 1 || corrected;
    }
    if (event == "registered" && j.value("reopened", false)) reopened = true;
    if (event == "refused") {
      const std::string reason = j["reason"];
      // The engine's refusals of a correction (promotion_correction.h).
      if (reason.find("month of corrections") != std::string::npos) month_over = true;
      if (reason.find("only undoes the promotion") != std::string::npos) two_grades = true;
    }
  }
  EXPECT_GT(changed_by_kind["promotion"], 0);
  EXPECT_GT(changed_by_kind["graduation"], 0);
  EXPECT_TRUE(promoted);
  EXPECT_TRUE(graduated);
  EXPECT_TRUE(corrected);
  EXPECT_TRUE(reopened);
  EXPECT_TRUE(month_over);
  EXPECT_TRUE(two_grades);
}

}  // namespace
}  // namespace xueji::test
