#include "actors/writer_actor.h"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "actors/fault_reason.h"

namespace xueji::writer_detail {

// A batch handed to a committer, and what became of each of its
// transitions, in order.
struct CommitBatch {
  std::vector<Transition> transitions;
};
struct CommitOutcome {
  std::vector<WriteResult> results;
};

}  // namespace xueji::writer_detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::writer_detail::CommitBatch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::writer_detail::CommitOutcome)

namespace xueji {
namespace {

using writer_detail::CommitBatch;
using writer_detail::CommitOutcome;

// The histogram slot of `value`: the first bound it does not exceed, or
// past the last bound (as TimerLateness::record finds its bucket).
template <typename T, size_t N>
size_t bucket_of(const T (&bounds)[N], T value) {
  return static_cast<size_t>(std::lower_bound(std::begin(bounds), std::end(bounds), value) -
                             std::begin(bounds));
}

void count_commit(WriterStats& stats, size_t transitions, std::chrono::nanoseconds took) {
  stats.commits += 1;
  const auto size = static_cast<int64_t>(transitions);
  stats.transitions += size;
  stats.batch_sizes[bucket_of(WriterStats::kBatchSizeBounds, size)] += 1;
  int64_t seen = stats.largest_batch.load();
  while (size > seen && !stats.largest_batch.compare_exchange_weak(seen, size)) {
  }
  const double seconds = std::chrono::duration<double>(took).count();
  stats.commit_seconds[bucket_of(WriterStats::kCommitSecondsBounds, seconds)] += 1;
  stats.commit_microseconds += std::chrono::duration_cast<std::chrono::microseconds>(took).count();
}

// Commits `batch` in one transaction and says, for each transition, whether
// it is durable.
std::vector<WriteResult> commit_batch(Journal& journal, WriterStats* stats,
                                      const std::vector<Transition>& batch) {
  const auto began = std::chrono::steady_clock::now();
  Status committed = journal.commit(batch);
  const auto took = std::chrono::steady_clock::now() - began;
  BacklogCounts* backlog = stats ? stats->backlog.get() : nullptr;
  std::vector<WriteResult> results;
  results.reserve(batch.size());
  if (committed.ok()) {
    // Counted before anyone is answered: a scrape after an answer sees it.
    if (backlog != nullptr) {
      for (const auto& t : batch) backlog->committed(t);
    }
    results.assign(batch.size(), WriteResult{true, "", ""});
  } else if (committed.error().code == "outcome_unknown") {
    // COMMIT went unanswered: the batch may be on disk. Retrying it could
    // record it twice; each requester learns that its outcome is unknown.
    results.assign(batch.size(), WriteResult{false, committed.error().message, "outcome_unknown"});
  } else {
    // One bad transition must not fail its neighbours: retry each alone,
    // and tell every requester exactly what happened to its own.
    for (const auto& transition : batch) {
      Status alone = batch.size() == 1 ? committed : journal.commit({transition});
      if (alone.ok() && backlog != nullptr) backlog->committed(transition);
      results.push_back(alone.ok() ? WriteResult{true, "", ""}
                                   : WriteResult{false, alone.error().message, alone.error().code});
    }
  }
  if (stats) count_commit(*stats, batch.size(), took);
  return results;
}

struct CommitterState {
  std::unique_ptr<Journal> journal;
  std::shared_ptr<WriterStats> stats;
  static inline const char* name = "committer";
};

caf::behavior committer(caf::stateful_actor<CommitterState>* self,
                        std::shared_ptr<std::unique_ptr<Journal>> journal,
                        std::shared_ptr<WriterStats> stats) {
  self->state.journal = std::move(*journal);
  self->state.stats = std::move(stats);
  self->set_exception_handler(fault_reason);
  return {
      [self](CommitBatch& batch) {
        return CommitOutcome{
            commit_batch(*self->state.journal, self->state.stats.get(), batch.transitions)};
      },
  };
}

using Promises = std::vector<caf::typed_response_promise<WriteResult>>;

struct Committer {
  caf::actor actor;
  // The requesters of the batch it is committing: none while it is idle
  // (a batch is never empty).
  Promises waiting;
  bool busy() const { return !waiting.empty(); }
};

struct WriterState {
  std::vector<Committer> committers;
  std::vector<Transition> batch;
  Promises waiting;
  bool flush_scheduled = false;
  bool failed = false;
  static inline const char* name = "writer";
};

using writer_pointer = writer_actor::stateful_pointer<WriterState>;

// A batch this large or larger goes to an idle committer while another
// commits; a smaller one waits to join the next batch of the one that
// finishes first. Each commit costs the server and PostgreSQL a fixed share
// of CPU whatever it holds: on two cores shared with PostgreSQL, sending
// every batch at once cost an opening over HTTP at 8 connections 24% more
// CPU for no more openings a second (docs/performance.md, "Two commits in
// flight").
constexpr size_t kBatchWorthAnotherCommit = 16;

// The committer to hand the queued batch to now, if any.
Committer* committer_for_batch(WriterState& st) {
  Committer* idle = nullptr;
  bool one_busy = false;
  for (auto& c : st.committers) {
    if (c.busy()) {
      one_busy = true;
    } else if (idle == nullptr) {
      idle = &c;
    }
  }
  if (one_busy && st.batch.size() < kBatchWorthAnotherCommit) return nullptr;
  return idle;
}

void schedule_flush(writer_pointer self) {
  auto& st = self->state;
  if (st.flush_scheduled || st.batch.empty() || committer_for_batch(st) == nullptr) return;
  // The flush message queues behind everything already in the mailbox:
  // all of it joins this batch.
  st.flush_scheduled = true;
  self->send(self, flush_atom::value);
}

// A committer failed under its batch: nothing more is written. Its batch
// may be on disk or not; the transitions queued were never sent.
void fail(writer_pointer self, const caf::error& reason) {
  auto& st = self->state;
  if (st.failed) return;
  st.failed = true;
  const std::string why = "the writer failed: " + self->system().render(reason);
  for (auto& c : st.committers) {
    for (auto& promise : c.waiting) promise.deliver(WriteResult{false, why, "outcome_unknown"});
    c.waiting.clear();
  }
  for (auto& promise : st.waiting) {
    promise.deliver(WriteResult{false, why + ": nothing committed", "engine_unavailable"});
  }
  st.waiting.clear();
  st.batch.clear();
  self->quit(reason);
}

void answer(writer_pointer self, size_t slot, std::vector<WriteResult>& results) {
  auto& c = self->state.committers[slot];
  Promises waiting;
  waiting.swap(c.waiting);
  for (size_t i = 0; i < waiting.size(); ++i) waiting[i].deliver(std::move(results.at(i)));
  schedule_flush(self);
}

void flush(writer_pointer self) {
  auto& st = self->state;
  st.flush_scheduled = false;
  if (st.batch.empty() || st.failed) return;
  // None free, or the batch too small to be worth a commit beside one
  // running: the first to finish flushes what queued.
  Committer* idle = committer_for_batch(st);
  if (idle == nullptr) return;
  const auto slot = static_cast<size_t>(idle - st.committers.data());
  CommitBatch batch;
  batch.transitions.swap(st.batch);
  idle->waiting.swap(st.waiting);
  // The next batch is likely as large: room for it now, not one
  // reallocation (moving every queued transition) per doubling.
  st.batch.reserve(batch.transitions.size());
  st.waiting.reserve(idle->waiting.size());
  self->request(idle->actor, caf::infinite, std::move(batch))
      .then([self, slot](CommitOutcome& outcome) { answer(self, slot, outcome.results); },
            [self](caf::error& e) {
              // A committer gone under its batch: its down message says why.
              if (e != caf::sec::request_receiver_down) fail(self, e);
            });
}

writer_actor::behavior_type writer(writer_pointer self,
                                   std::shared_ptr<std::vector<std::unique_ptr<Journal>>> journals,
                                   std::shared_ptr<WriterStats> stats) {
  auto& st = self->state;
  for (auto& journal : *journals) {
    auto holder = std::make_shared<std::unique_ptr<Journal>>(std::move(journal));
    Committer c;
    c.actor = self->spawn<caf::detached>(committer, holder, stats);
    self->monitor(c.actor);
    st.committers.push_back(std::move(c));
  }
  // A committer's end is the writer's: a fault answers everyone first.
  self->set_down_handler([self](caf::down_msg& down) { fail(self, down.reason); });
  // The writer's end is the committers': each stops after its commit.
  std::vector<caf::actor> committers;
  for (const auto& c : st.committers) committers.push_back(c.actor);
  self->attach_functor([committers] {
    for (const auto& c : committers) caf::anon_send_exit(c, caf::exit_reason::user_shutdown);
  });
  self->set_exception_handler(fault_reason);
  return {
      [self](Transition& t) -> caf::typed_response_promise<WriteResult> {
        auto promise = self->make_response_promise<WriteResult>();
        if (self->state.failed) {
          promise.deliver(
              WriteResult{false, "the writer failed: nothing committed", "engine_unavailable"});
          return promise;
        }
        self->state.batch.push_back(std::move(t));
        self->state.waiting.push_back(promise);
        schedule_flush(self);
        return promise;
      },
      [self](flush_atom) { flush(self); },
  };
}

}  // namespace

writer_actor spawn_writer(caf::actor_system& system, std::vector<std::unique_ptr<Journal>> journals,
                          std::shared_ptr<WriterStats> stats) {
  auto holder = std::make_shared<std::vector<std::unique_ptr<Journal>>>(std::move(journals));
  // Scheduled on the engine's workers: it never blocks (its committers do,
  // each on its own thread), where a detached writer's thread slept and
  // woke at least twice a batch, for the transitions and for the outcome.
  // transition_bench at 64, four rounds in turns: 10,307/s mean against
  // 9,563/s, 63 against 71 us of engine CPU a transition. Session 48 had
  // detached it again when the fault suite's SQLite full-disk phase hung in
  // 2 of 4 runs scheduled; on session 52's code that phase passed 9 runs of
  // 9 scheduled (the hang's cause was not found then, nor seen since).
  return system.spawn(writer, holder, std::move(stats));
}

}  // namespace xueji
