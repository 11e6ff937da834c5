// Issue 18's hostile files: rule files an attacker or a broken generator
// could hand `xueji workflows check` or a reload. Each is refused as
// "invalid_file" naming the file, in bounded time and memory, and the
// loader still loads honest files that use anchors as they are meant.

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>

#include "engine/core/yaml_source.h"
#include "engine/workflow/rule_loader.h"

namespace xueji {
namespace {

// The process's peak resident memory, in KiB (never falls).
long peak_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// `text` as a rule file is refused with `reason`, within a second and
// 100 MiB more memory than the process had at its peak.
void expect_refused(const std::string& text, const std::string& reason) {
  const long peak_before = peak_kib();
  const auto start = std::chrono::steady_clock::now();
  auto r = load_rules(std::vector<RuleSource>{{"national/hostile.yaml", text}});
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok()) << "expected refusal: " << reason;
  EXPECT_EQ(r.error().code, "invalid_file");
  EXPECT_EQ(r.error().message.rfind("national/hostile.yaml:", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find(reason), std::string::npos) << r.error().message;
  EXPECT_LT(took, std::chrono::seconds(1));
  EXPECT_LT(peak_kib() - peak_before, 100 * 1024);
}

// Ten levels of ten aliases each: 10^10 nodes once expanded.
std::string billion_laughs() {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", " : "") + prev;
    text += "]\n";
  }
  return text + "kind: transfer\n";
}

TEST(HostileYaml, ExponentialAliasesAreRefused) {
  expect_refused(billion_laughs(), "aliases expand the document past");
}

TEST(HostileYaml, ExponentialAliasesInAKindAreRefused) {
  // The same inside a field a reader walks (steps), not beside it.
  std::string text = "kind: transfer\nx0: &x0 {step: s, party: sending_school}\n";
  for (int i = 1; i <= 12; ++i) {
    const std::string prev = "*x" + std::to_string(i - 1);
    text += "x" + std::to_string(i) + ": &x" + std::to_string(i) + " [" + prev + ", " + prev +
            ", " + prev + ", " + prev + "]\n";
  }
  text += "steps: [*x12, *x12, *x12, *x12]\n";
  expect_refused(text, "aliases expand the document past");
}

TEST(HostileYaml, ARecursiveAliasIsRefused) {
  expect_refused("kind: transfer\nsteps: &loop [*loop]\n",
                 "an alias refers to a node that contains it");
  expect_refused("kind: transfer\nsteps: &loop {step: *loop}\n",
                 "an alias refers to a node that contains it");
}

TEST(HostileYaml, AnAliasToNothingIsRefused) {
  auto r = load_rules(std::vector<RuleSource>{{"national/hostile.yaml", "kind: *nothing\n"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_file");
  EXPECT_EQ(r.error().message.rfind("national/hostile.yaml:", 0), 0u) << r.error().message;
}

TEST(HostileYaml, ATenMegabyteScalarIsRefusedBeforeItIsParsed) {
  expect_refused("kind: transfer\ntitle: " + std::string(10 * 1024 * 1024, 'x') + "\n",
                 "YAML files are limited to 8388608");
}

TEST(HostileYaml, AScalarOverItsLimitIsRefused) {
  expect_refused("kind: transfer\ntitle: " + std::string(200 * 1024, 'x') + "\n",
                 "values are limited to 65536");
}

TEST(HostileYaml, DeepNestingIsRefused) {
  expect_refused("kind: " + std::string(100000, '[') + std::string(100000, ']') + "\n", "");
}

TEST(HostileYaml, AnchorsUsedHonestlyStillLoad) {
  // One deadline written once and reused: what anchors are for.
  const std::string text = R"(kind: transfer
title: 转学
article: Art. 15
initiators: [receiving_school]
fields: [to_school]
steps:
  - {step: sending_school, party: sending_school, deadline: &ten {working_days: 10}}
  - {step: sending_county, party: sending_county, deadline: *ten}
  - {step: receiving_county, party: receiving_county, deadline: *ten}
)";
  auto r = load_rules(std::vector<RuleSource>{{"national/transfer.yaml", text}});
  ASSERT_TRUE(r.ok()) << r.error().message;
}

}  // namespace
}  // namespace xueji
