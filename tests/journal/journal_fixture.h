#pragma once
// A journal of the implementation the test's parameter names, on a fresh,
// migrated database: "memory" (the actor tests' fake), "postgresql" or
// "sqlite". Every contract suite runs on all three.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "adapters/store/migrator.h"
#include "adapters/store/sql_journal.h"
#include "tests/actors/memory_journal.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {

class JournalFixture : public CaseFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "memory") {
      journals_ = MemoryStorage::factory(std::make_shared<MemoryStorage>());
    } else {
      const std::string url = fresh_database(GetParam());
      auto connection = store::Connection::open(url);
      ASSERT_TRUE(connection.ok()) << connection.error().message;
      ASSERT_TRUE(store::migrate(**connection, project_path("migrations")).ok());
      journals_ = store::sql_journal_factory(url);
    }
    auto journal = journals_();
    ASSERT_TRUE(journal.ok()) << journal.error().message;
    journal_ = std::move(*journal);
  }

  // The transition of opening a transfer as case `id` for `s`, opened at
  // `when`: it marks the record transfer_pending under the number it names.
  Transition opened(const std::string& id, const Student& s, Instant when) {
    state_ = CaseState();
    state_.id = id;
    OpenCase c;
    c.kind = "transfer";
    c.by = "4501030002";
    c.fields["to_school"] = "4501030002";
    c.student = s;
    auto events = open(c, when);
    return case_transition(0, events, state_);
  }

  JournalFactory journals_;
  std::unique_ptr<Journal> journal_;
};

}  // namespace xueji::test
