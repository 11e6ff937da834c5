// `xueji simulate` on every scenario under tests/scenarios/, compared line by
// line with its expected output (*.expected.jsonl beside it), and
// `xueji workflows check` on good and bad rule directories.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<fs::path> scenarios() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(XUEJI_SOURCE_DIR) / "tests/scenarios")) {
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SimulateCli, EveryScenarioMatchesItsExpectedOutput) {
  const auto all = scenarios();
  ASSERT_GE(all.size(), 6u);
  for (const auto& scenario : all) {
    fs::path expected_path = scenario;
    expected_path.replace_extension(".expected.jsonl");
    ASSERT_TRUE(fs::exists(expected_path)) << expected_path;
    auto r = run_xueji({"simulate", scenario.string()});
    ASSERT_EQ(r.status, 0) << scenario << ": " << r.err;
    const auto actual = lines_of(r.out);
    const auto expected = lines_of(read_file(expected_path));
    ASSERT_FALSE(expected.empty()) << expected_path;
    for (size_t i = 0; i < std::max(actual.size(), expected.size()); ++i) {
      ASSERT_EQ(i < actual.size() ? actual[i] : "<missing>",
                i < expected.size() ? expected[i] : "<extra>")
          << scenario.filename() << " line " << i + 1;
    }
  }
}

TEST(SimulateCli, EveryLineIsAnEventInTimeOrder) {
  for (const auto& scenario : scenarios()) {
    auto r = run_xueji({"simulate", scenario.string()});
    std::string previous;
    for (const auto& line : lines_of(r.out)) {
      const auto j = nlohmann::json::parse(line);
      ASSERT_TRUE(j.contains("at") && j.contains("case") && j.contains("event")) << line;
      const std::string when = j["at"];
      ASSERT_EQ(when.substr(19), "+08:00") << line;
      ASSERT_LE(previous, when) << scenario.filename() << ": " << line;
      previous = when;
      const std::string event = j["event"];
      if (event == "step_activated") {
        ASSERT_TRUE(j.contains("step") && j.contains("org") && j.contains("due")) << line;
      }
      if (event == "escalated") {
        ASSERT_TRUE(j.contains("from_org") && j.contains("to_org")) << line;
      }
      if (event == "refused") {
        ASSERT_TRUE(j.contains("reason")) << line;
      }
      if (event == "completed") {
        ASSERT_TRUE(j.contains("outcome")) << line;
      }
    }
  }
}

TEST(SimulateCli, RefusesAMalformedScenarioWithFileAndLine) {
  const fs::path dir = fs::temp_directory_path() / ("xueji-sim-" + std::to_string(getpid()));
  fs::create_directories(dir);
  struct Bad {
    std::string text;
    std::string expected;
  };
  const std::vector<Bad> cases = {
      {"timeline:\n  - at: \"2025-09-26T10:00:00+08:00\"\n    jump: {}\nrun_until: "
       "\"2025-12-31T00:00:00+08:00\"\n",
       ":3: unknown key 'jump'"},
      {"timeline:\n  - at: \"2025-02-30T10:00:00+08:00\"\n    withdraw: {case: c1, by: "
       "x}\nrun_until: \"2025-12-31T00:00:00+08:00\"\n",
       ":2: 'at'"},
      {"timeline: []\n", ":1: missing 'run_until'"},
      {"students:\n  - {id: \"450102201309150018\", name: x, school: \"4501020001\", grade: "
       "5}\ntimeline: []\nrun_until: \"2025-12-31T00:00:00+08:00\"\n",
       ":2: "},
      {"timeline: [\n", ":"},
  };
  int n = 0;
  for (const auto& c : cases) {
    const fs::path file = dir / ("bad" + std::to_string(n++) + ".yaml");
    std::ofstream(file) << c.text;
    auto r = run_xueji({"simulate", file.string()});
    EXPECT_EQ(r.status, 2) << c.text;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find(file.string() + c.expected), std::string::npos) << r.err;
  }
  auto missing = run_xueji({"simulate", (dir / "nope.yaml").string()});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("nope.yaml"), std::string::npos);
  fs::remove_all(dir);
}

TEST(WorkflowsCli, ChecksTheShippedRules) {
  auto r = run_xueji({"workflows", "check", "workflows"});
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(r.out.rfind("ok ", 0), 0u) << r.out;
  EXPECT_EQ(r.out.size(), 3 + 16 + 1u);
}

TEST(WorkflowsCli, RefusesABadRuleFileWithFileLineAndReason) {
  const fs::path dir = fs::temp_directory_path() / ("xueji-wf-" + std::to_string(getpid()));
  fs::create_directories(dir / "national");
  std::ofstream(dir / "national/transfer.yaml")
      << "kind: transfer\ntitle: x\ninitiators: [receiving_school]\nsteps:\n"
         "  - {step: a, party: nobody, deadline: {working_days: 10}}\n";
  auto r = run_xueji({"workflows", "check", dir.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find((dir / "national/transfer.yaml").string() + ":5: unknown party 'nobody'"),
            std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace xueji::test
