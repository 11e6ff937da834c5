#pragma once
// Many case commands through the engine at once: at most `in_flight` asked
// at a time, each answer asking the next, the caller waiting until every
// one has answered. Their commits share the writer's group commits, where
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

struct SubmittedCase {
  std::string case_id;
  CaseCommand command;
  std::optional<AuditEntry> audit;  // committed with the case's transition
};

// Asks `make(n)` for n in [0, count), `in_flight` at a time, and hands each
// answer to `answered(n, reply)`. Both are called on the engine's threads
// as well as the caller's: `make` must only read what the caller prepared,
// and `answered` is called one at a time (under a lock), never after
// submit_each returns.
void submit_each(Runtime& engine, std::size_t count, std::size_t in_flight,
                 const std::function<SubmittedCase(std::size_t)>& make,
                 const std::function<void(std::size_t, const CaseReply&)>& answered);

}  // namespace xueji
