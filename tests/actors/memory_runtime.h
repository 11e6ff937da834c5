#pragma once
// What the actor tests on the in-memory journal share: a runtime started
// on fresh memory storage with the project's rules, its virtual clock at
// 09:00 on 2025-09-26 (a school day in term), and the transfer they open.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "actors/runtime.h"
#include "tests/actors/memory_journal.h"
#include "tests/engine/case_fixture.h"

namespace xueji::test {

// A transfer of the n-th student (numbered from `first`) of school
// 4501020001 to school 4501030002, filed by the receiving school.
inline OpenCase memory_transfer(int n, int first = 100) {
  return transfer_to_4501030002(make_student("4501020001", 5, StudentStatus::enrolled, "20130915",
                                             std::to_string(first + n)));
}

struct MemoryRuntime {
  std::shared_ptr<VirtualClock> clock;
  std::shared_ptr<const Domain> data;
  std::shared_ptr<MemoryStorage> storage;
  std::unique_ptr<Runtime> runtime;

  // Starts `options` on fresh storage (a test failure if it cannot),
  // whose journals take commits side by side if `side_by_side`.
  void start(const RuntimeOptions& options, bool side_by_side = false) {
    clock = std::make_shared<VirtualClock>(at("2025-09-26T09:00:00+08:00"));
    auto loaded = load_domain(DomainPaths::under(XUEJI_SOURCE_DIR), clock);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    data = *loaded;
    storage = std::make_shared<MemoryStorage>();
    if (side_by_side) storage->commit_side_by_side();
    auto started = Runtime::start(options, data, MemoryStorage::factory(storage));
    ASSERT_TRUE(started.ok()) << started.error().message;
    runtime = std::move(*started);
  }
  // Lets every held commit through, then stops the runtime.
  void stop() {
    if (storage) storage->open_gate();
    runtime.reset();
  }
};

}  // namespace xueji::test
