#pragma once
// Many case commands through the engine at once: at most `in_flight` asked
// at a time, the caller asking the next as each answers and waiting until
// every one has answered. Their commits share the writer's group commits, where
// asking one after another waits a commit each (the re-dating of a year's
// provisional steps, a province's termly checks). Asking all at once
// instead floods the directory's mailbox and the writer: a province's
// 300,000 re-datings so ran at a third of the engine's opening rate
// (scripts/bench.sh, section redating).

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "actors/runtime.h"

namespace xueji {

// The window itself, for any asynchronous job: runs `start(n, done)` for
// each n in [0, count), in order on the caller's thread, with at most
// `in_flight` started and not yet done. Each job calls `done` exactly once
// when it is over, from any thread (from inside `start` too, for a job
// with nothing to wait for), and touches nothing of the caller's after it.
// Returns once every job is done.
using WindowedJob = std::function<void(std::size_t, std::function<void()> done)>;
void each_in_flight(std::size_t count, std::size_t in_flight, const WindowedJob& start);

struct SubmittedCase {
  std::string case_id;
  CaseCommand command;
  std::optional<AuditEntry> audit;  // committed with the case's transition
};

// Asks `make(n)` for n in [0, count), `in_flight` at a time
// (each_in_flight), and hands each answer to `answered(n, reply)`. `make`
// is called on the caller's thread; `answered` on the engine's, one at a
// time (under a lock), never after submit_each returns.
void submit_each(Runtime& engine, std::size_t count, std::size_t in_flight,
                 const std::function<SubmittedCase(std::size_t)>& make,
                 const std::function<void(std::size_t, const CaseReply&)>& answered);

}  // namespace xueji
