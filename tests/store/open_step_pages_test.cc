// An org's overdue and open-steps pages above a school
// (ReadModel::overdue_page, migration 0034): each education authority of
// the subtree (the org, its cities, its counties) gives its first steps
// after the position and the page is the first of those, so walking the
// pages of a county, a city, a province or the ministry meets each open
// step of the subtree once, soonest party's due date first, wherever its
// party sits; a step follows its party when the case moves on, and a
// store whose orgs came after its cases learns them when they come.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "adapters/store/read_model.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// One open step, as the case's row names it.
struct Step {
  std::string case_id, kind, party, due;
};

// The demo tree (config/demo/orgs.yaml), as the case actors hold it.
const OrgTree& demo_tree() {
  static const OrgTree tree = [] {
    auto orgs = load_org_file(project_path("config/demo/orgs.yaml"));
    EXPECT_TRUE(orgs.ok()) << orgs.error().message;
    return orgs.ok() ? std::move(*orgs) : OrgTree();
  }();
  return tree;
}

// The transition that writes `step`'s case row: open, its step at the
// party, who also holds it, the party's authority named from `tree` as
// the case actor names it (none without a tree).
Transition written(const Step& step, const OrgTree* tree = &demo_tree()) {
  Transition t;
  t.case_id = step.case_id;
  CaseRow& row = t.row;
  row.kind = step.kind;
  row.status = "open";
  row.rule_version = "r";
  row.subject = "G" + step.case_id;
  row.event_count = 1;
  row.has_active_step = true;
  row.active_step = "sending_school";
  row.active_org = step.party;
  row.holder = step.party;
  row.active_due = step.due;
  row.holder_due = step.due;
  if (tree != nullptr) row.active_authority = tree->authority_over(step.party);
  return t;
}

class OpenStepPages : public BothBackends {
 protected:
  void SetUp() override {
    store_ = open_migrated(fresh_demo_database(GetParam()));
    ASSERT_TRUE(store_ != nullptr);
    ASSERT_TRUE(store_->commit(batch()).ok());
  }

  // Steps at schools of two counties, at schools a city and a province
  // run directly (Art. 5), at a county, a city and a province themselves,
  // in another province, and at a school the tree does not hold; due
  // dates repeat, so that the case id breaks ties.
  std::vector<Transition> batch() {
    const std::vector<std::string> parties = {
        "4501020001", "4501030002", "4501000001", "450102",     "4500000001", "4503020001",
        "450100",     "4401030001", "450000",     "4501020002", "4509990001", "440100"};
    std::vector<Transition> out;
    for (int i = 0; i < 48; ++i) {
      char id[8], due[16];
      std::snprintf(id, sizeof id, "C%03d", (i * 37) % 48);
      std::snprintf(due, sizeof due, "2026-11-%02d", 10 + (i * 7) % 13);
      Step step{id, i % 4 == 0 ? "dropout_follow_up" : "transfer",
                parties[static_cast<size_t>(i) % parties.size()], due};
      steps_.push_back(step);
      out.push_back(written(step));
    }
    return out;
  }

  // The case ids the pages of `org` hold, `limit` a page, walked from the
  // first with each page's last step as the next position; every page but
  // the last says more follows. `due_before` empty: every open step.
  std::vector<std::string> walk(const std::string& org, int limit,
                                const std::string& due_before = "", const std::string& kind = "") {
    std::vector<std::string> ids;
    store::PageQuery query;
    query.limit = limit;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = due_before.empty() ? store_->reads.open_steps_page(org, query, kind)
                                     : store_->reads.overdue_page(org, due_before, query, kind);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      EXPECT_LE(page->rows.size(), static_cast<size_t>(limit));
      for (const auto& s : page->rows) ids.push_back(s.case_id);
      if (!page->has_more) break;
      EXPECT_EQ(page->rows.size(), static_cast<size_t>(limit)) << org;
      query.after = {page->rows.back().due, page->rows.back().case_id};
    }
    return ids;
  }

  // What the subtree holds, from the steps written: parties whose code
  // begins with `prefix` (the demo tree's codes nest), none outside the
  // tree, by (due, case id).
  std::vector<std::string> expected(const std::string& prefix, const std::string& due_before = "",
                                    const std::string& kind = "") {
    std::vector<Step> in;
    for (const auto& s : steps_) {
      if (s.party.rfind(prefix, 0) != 0 || s.party == "4509990001") continue;
      if (!due_before.empty() && s.due >= due_before) continue;
      if (!kind.empty() && s.kind != kind) continue;
      in.push_back(s);
    }
    std::sort(in.begin(), in.end(), [](const Step& a, const Step& b) {
      return std::tie(a.due, a.case_id) < std::tie(b.due, b.case_id);
    });
    std::vector<std::string> ids;
    for (const auto& s : in) ids.push_back(s.case_id);
    return ids;
  }

  std::unique_ptr<TestStore> store_;
  std::vector<Step> steps_;
};

const std::vector<std::pair<std::string, std::string>> kLevels = {{"450102", "450102"},
                                                                  {"450100", "4501"},
                                                                  {"450000", "45"},
                                                                  {"440000", "44"},
                                                                  {OrgTree::kMinistryCode, ""}};

TEST_P(OpenStepPages, EveryLevelAboveASchoolMeetsItsOpenStepsOnceInDueOrder) {
  for (const auto& [org, prefix] : kLevels) {
    const auto want = expected(prefix);
    ASSERT_FALSE(want.empty()) << org;
    for (int limit : {1, 2, 3, 7, 500}) EXPECT_EQ(walk(org, limit), want) << org << " " << limit;
  }
  // 44 of the 48: four wait at a school the tree does not hold.
  EXPECT_EQ(walk(OrgTree::kMinistryCode, 500).size(), 44u);
  // A school's own list, a county with no steps, and a code no org has.
  EXPECT_EQ(walk("4501020001", 2), expected("4501020001"));
  EXPECT_TRUE(walk("450303", 3).empty());
  EXPECT_TRUE(walk("999999", 3).empty());
}

TEST_P(OpenStepPages, TheOverdueCutAndTheKindHoldAtEveryLevel) {
  for (const auto& [org, prefix] : kLevels) {
    for (int limit : {1, 3, 500}) {
      EXPECT_EQ(walk(org, limit, "2026-11-16"), expected(prefix, "2026-11-16")) << org;
      EXPECT_EQ(walk(org, limit, "", "dropout_follow_up"),
                expected(prefix, "", "dropout_follow_up"))
          << org;
      EXPECT_EQ(walk(org, limit, "2026-11-19", "transfer"),
                expected(prefix, "2026-11-19", "transfer"))
          << org;
    }
  }
  EXPECT_FALSE(expected("45", "2026-11-16", "").empty());
  EXPECT_FALSE(expected("45", "2026-11-19", "transfer").empty());
}

TEST_P(OpenStepPages, AStepFollowsItsPartyAndLeavesWhenTheCaseCloses) {
  // The first step of 450102's school moves to a school of 450303, as a
  // transfer's next step moves to the receiving side.
  Step& moved = *std::find_if(steps_.begin(), steps_.end(),
                              [](const Step& s) { return s.party == "4501020001"; });
  moved.party = "4503030001";
  ASSERT_TRUE(store_->commit({written(moved)}).ok());
  EXPECT_EQ(walk("450303", 2), std::vector<std::string>{moved.case_id});
  EXPECT_EQ(walk("450102", 2), expected("450102"));
  EXPECT_EQ(walk("450300", 3), expected("4503"));
  // The next moves it to a county itself, then the case closes.
  moved.party = "450302";
  ASSERT_TRUE(store_->commit({written(moved)}).ok());
  EXPECT_TRUE(walk("450303", 2).empty());
  EXPECT_EQ(walk("450302", 2), expected("450302"));
  Transition closed = written(moved);
  closed.row.status = "completed";
  closed.row.has_active_step = false;
  ASSERT_TRUE(store_->commit({closed}).ok());
  steps_.erase(std::find_if(steps_.begin(), steps_.end(),
                            [&](const Step& s) { return s.case_id == moved.case_id; }));
  EXPECT_EQ(walk("450300", 3), expected("4503"));
  EXPECT_EQ(walk("450000", 500), expected("45"));
}

TEST_P(OpenStepPages, StepsStoredBeforeTheOrgsAreListedOnceTheOrgsAre) {
  // The fixture's store gives way to one migrated with no orgs. Its steps
  // name no authority, or their party itself, as migration 0034's fill
  // names them with no orgs (a store of schema 3, tests/store/fixtures).
  store_.reset();
  auto bare = open_migrated(fresh_database(GetParam()));
  ASSERT_TRUE(bare != nullptr);
  std::vector<Transition> rows;
  for (const auto& s : steps_) {
    rows.push_back(written(s, nullptr));
    if (rows.size() % 2 == 0) rows.back().row.active_authority = s.party;
  }
  ASSERT_TRUE(bare->commit(rows).ok());
  store::PageQuery query;
  query.limit = 500;
  // Before, 450100 has no orgs below it: its page is its own steps.
  auto before = bare->reads.open_steps_page("450100", query);
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_EQ(before->rows.size(),
            static_cast<size_t>(std::count_if(steps_.begin(), steps_.end(),
                                              [](const Step& s) { return s.party == "450100"; })));
  seed_demo_orgs(*bare);
  auto after = bare->reads.open_steps_page("450100", query);
  ASSERT_TRUE(after.ok()) << after.error().message;
  std::vector<std::string> ids;
  for (const auto& s : after->rows) ids.push_back(s.case_id);
  EXPECT_EQ(ids, expected("4501"));
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenStepPages, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
