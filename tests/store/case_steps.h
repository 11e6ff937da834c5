#pragma once
// A case's commands run on the engine core as the case actor runs them,
// each packed into the transition a journal commits: for the store's
// tests, which write through the journal what a case would.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "actors/port/transition.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {

class CaseSteps : public CaseFixture {
 protected:
  // Runs a command and packs its events into a transition (with the
  // notices they address), as the case actor does.
  Transition step(const CaseCommand& command, Instant now) {
    const int64_t first_seq = state_.event_count;
    auto events = run(command, now);
    EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
    const std::vector<CaseEvent> appended = events.ok() ? *events : std::vector<CaseEvent>{};
    return case_transition(first_seq, appended, state_);
  }
};

}  // namespace xueji::test
