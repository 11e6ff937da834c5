// `xueji workflows show`: the resolved plan of a kind for a province, as
// text and as a Graphviz digraph that Graphviz itself parses (issue 19, the
// rule author's views).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

// Runs `dot -Tsvg` on `graph`; the status and the SVG.
CommandResult render_with_dot(const std::string& graph) {
  const fs::path file =
      fs::temp_directory_path() / ("xueji-workflow-" + std::to_string(getpid()) + ".dot");
  std::ofstream(file) << graph;
  CommandResult r;
  const std::string command = "/usr/bin/dot -Tsvg " + shell_quote(file.string()) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe != nullptr) {
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
    const int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }
  fs::remove(file);
  return r;
}

// The line of the steps table that starts with step number `n`.
std::string step_line(const std::string& out, int n) {
  const std::string start = "\n  " + std::to_string(n) + "  ";
  const auto at = out.find(start);
  if (at == std::string::npos) return "";
  return out.substr(at + 1, out.find('\n', at + 1) - at - 1);
}

TEST(WorkflowsShowCli, ZhejiangTransferShowsItsOwnDeadlinesAndTheNationalBounds) {
  auto r = run_xueji({"workflows", "show", "transfer", "--province", "330000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("transfer 转学 (Art. 15) in 330000 浙江省: the national rules with "
                       "330000's overlay"),
            std::string::npos)
      << r.out;
  // The overlay's 5 working days, and the step it adds after the county,
  // only across provinces, with its own reminder and follow-up.
  const std::string first = step_line(r.out, 1);
  EXPECT_NE(first.find("sending_school"), std::string::npos) << r.out;
  EXPECT_NE(first.find("5 working days"), std::string::npos) << first;
  EXPECT_NE(first.find("2 working days before"), std::string::npos) << first;
  EXPECT_NE(first.find("county, then every 5 working days up"), std::string::npos) << first;
  EXPECT_NE(first.find("changed by 330000 (national 10 working days)"), std::string::npos) << first;
  const std::string third = step_line(r.out, 3);
  EXPECT_NE(third.find("sending_city"), std::string::npos) << r.out;
  EXPECT_NE(third.find("cross_province"), std::string::npos) << third;
  EXPECT_NE(third.find("1 working day before"), std::string::npos) << third;
  EXPECT_NE(third.find("province, then every 3 working days up"), std::string::npos) << third;
  EXPECT_NE(third.find("added by 330000"), std::string::npos) << third;
  EXPECT_NE(step_line(r.out, 4).find("receiving_county"), std::string::npos) << r.out;
  // The bounds, each with its article.
  EXPECT_NE(r.out.find("national bounds"), std::string::npos);
  EXPECT_NE(r.out.find("max_deadline    sending_school"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("at most 10 working days  Art. 15"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("required_steps  sending_school, sending_county, receiving_county"),
            std::string::npos)
      << r.out;
}

TEST(WorkflowsShowCli, ColumnsAreAligned) {
  auto r = run_xueji({"workflows", "show", "transfer", "--province", "330000"});
  ASSERT_EQ(r.status, 0) << r.err;
  // Every step row puts its deadline where the heading puts "deadline".
  const auto heading_at = r.out.find("\n  #  ");
  ASSERT_NE(heading_at, std::string::npos) << r.out;
  const std::string heading =
      r.out.substr(heading_at + 1, r.out.find('\n', heading_at + 1) - heading_at - 1);
  const size_t column = heading.find("deadline");
  for (int n = 1; n <= 4; ++n) {
    const std::string line = step_line(r.out, n);
    ASSERT_GT(line.size(), column) << line;
    EXPECT_TRUE(line.compare(column, 1, "5") == 0 || line.compare(column, 2, "10") == 0) << line;
  }
}

TEST(WorkflowsShowCli, GuangxiLeaveShowsSevenDaysTheTermAndItsBound) {
  auto r = run_xueji({"workflows", "show", "leave", "--province", "450000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(step_line(r.out, 1).find("7 working days"), std::string::npos) << r.out;
  EXPECT_NE(step_line(r.out, 2).find("city, then every 10 working days up"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("term after approval: 12 months by default, at most 12"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("max_term        term            at most 12 months     Art. 16"),
            std::string::npos)
      << r.out;
}

TEST(WorkflowsShowCli, AProvinceWithoutAnOverlayRunsTheNationalRules) {
  auto r = run_xueji({"workflows", "show", "transfer", "--province", "450000"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("(450000 has no overlay of transfer)"), std::string::npos) << r.out;
  EXPECT_NE(step_line(r.out, 1).find("10 working days"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("changed by"), std::string::npos) << r.out;
}

TEST(WorkflowsShowCli, DotIsAGraphThatGraphvizRenders) {
  // install-deps.sh installs Debian's graphviz; without it this test fails.
  ASSERT_TRUE(fs::exists("/usr/bin/dot")) << "graphviz missing: run scripts/install-deps.sh";
  auto r = run_xueji({"workflows", "show", "transfer", "--province", "330000", "--dot"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("digraph \"transfer-330000\" {", 0), 0u) << r.out;
  // Steps in order, escalations dashed to the superior level.
  EXPECT_NE(r.out.find("opened -> step1;\n  step1 -> step2;\n  step2 -> step3;\n"
                       "  step3 -> step4;\n  step4 -> approved;"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("step1 -> step1_escalated [style=dashed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("county (superior)\\nfollow-up 5 working days"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sending_school (school registrar)\\nwithin 5 working days"),
            std::string::npos)
      << r.out;
  auto svg = render_with_dot(r.out);
  EXPECT_EQ(svg.status, 0) << svg.out;
  EXPECT_NE(svg.out.find("<svg"), std::string::npos);
  EXPECT_NE(svg.out.find("within 5 working days"), std::string::npos);
  EXPECT_NE(svg.out.find("stroke-dasharray"), std::string::npos);  // the dashed escalations
}

TEST(WorkflowsShowCli, UnknownKindOrProvinceIsRefused) {
  auto kind = run_xueji({"workflows", "show", "adoption"});
  EXPECT_EQ(kind.status, 2);
  EXPECT_EQ(kind.out, "");
  EXPECT_NE(kind.err.find("unknown kind 'adoption' (known: "), std::string::npos) << kind.err;
  EXPECT_NE(kind.err.find("transfer"), std::string::npos) << kind.err;
  auto province = run_xueji({"workflows", "show", "transfer", "--province", "990000"});
  EXPECT_EQ(province.status, 2);
  EXPECT_EQ(province.out, "");
  EXPECT_NE(province.err.find("unknown province '990000'"), std::string::npos) << province.err;
}

}  // namespace
}  // namespace xueji::test
