#include "actors/writer_actor.h"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "actors/fault_reason.h"

namespace xueji {
namespace {

// The histogram slot of `value`: the first bound it does not exceed, or
// past the last bound (as TimerLateness::record finds its bucket).
template <typename T, size_t N>
size_t bucket_of(const T (&bounds)[N], T value) {
  return static_cast<size_t>(std::lower_bound(std::begin(bounds), std::end(bounds), value) -
                             std::begin(bounds));
}

struct WriterState {
  std::unique_ptr<Journal> journal;
  std::shared_ptr<WriterStats> stats;
  std::vector<Transition> batch;
  std::vector<caf::typed_response_promise<WriteResult>> waiting;
  bool flush_scheduled = false;
  static inline const char* name = "writer";
};

void flush(writer_actor::stateful_pointer<WriterState> self) {
  auto& st = self->state;
  st.flush_scheduled = false;
  if (st.batch.empty()) return;
  std::vector<Transition> batch;
  std::vector<caf::typed_response_promise<WriteResult>> waiting;
  batch.swap(st.batch);
  waiting.swap(st.waiting);
  // The next batch is likely as large: room for it now, not one
  // reallocation (moving every queued transition) per doubling.
  st.batch.reserve(batch.size());
  st.waiting.reserve(waiting.size());
  const auto began = std::chrono::steady_clock::now();
  Status committed = st.journal->commit(batch);
  const auto took = std::chrono::steady_clock::now() - began;
  BacklogCounts* backlog = st.stats ? st.stats->backlog.get() : nullptr;
  if (committed.ok()) {
    // Counted before anyone is answered: a scrape after an answer sees it.
    if (backlog != nullptr) {
      for (const auto& t : batch) backlog->committed(t);
    }
    for (auto& promise : waiting) promise.deliver(WriteResult{true, "", ""});
  } else if (committed.error().code == "outcome_unknown") {
    // COMMIT went unanswered: the batch may be on disk. Retrying it could
    // record it twice; each requester learns that its outcome is unknown.
    for (auto& promise : waiting) {
      promise.deliver(WriteResult{false, committed.error().message, "outcome_unknown"});
    }
  } else {
    // One bad transition must not fail its neighbours: retry each alone,
    // and tell every requester exactly what happened to its own.
    for (size_t i = 0; i < batch.size(); ++i) {
      Status alone = batch.size() == 1 ? committed : st.journal->commit({batch[i]});
      if (alone.ok() && backlog != nullptr) backlog->committed(batch[i]);
      waiting[i].deliver(alone.ok()
                             ? WriteResult{true, "", ""}
                             : WriteResult{false, alone.error().message, alone.error().code});
    }
  }
  if (st.stats) {
    st.stats->commits += 1;
    st.stats->transitions += static_cast<int64_t>(batch.size());
    int64_t size = static_cast<int64_t>(batch.size());
    st.stats->batch_sizes[bucket_of(WriterStats::kBatchSizeBounds, size)] += 1;
    int64_t seen = st.stats->largest_batch.load();
    while (size > seen && !st.stats->largest_batch.compare_exchange_weak(seen, size)) {
    }
    const double seconds = std::chrono::duration<double>(took).count();
    st.stats->commit_seconds[bucket_of(WriterStats::kCommitSecondsBounds, seconds)] += 1;
    st.stats->commit_microseconds +=
        std::chrono::duration_cast<std::chrono::microseconds>(took).count();
  }
}

writer_actor::behavior_type writer(writer_actor::stateful_pointer<WriterState> self,
                                   std::shared_ptr<std::unique_ptr<Journal>> journal,
                                   std::shared_ptr<WriterStats> stats) {
  self->state.journal = std::move(*journal);
  self->state.stats = std::move(stats);
  self->set_exception_handler(fault_reason);
  return {
      [self](Transition& t) -> caf::typed_response_promise<WriteResult> {
        auto promise = self->make_response_promise<WriteResult>();
        self->state.batch.push_back(std::move(t));
        self->state.waiting.push_back(promise);
        // The flush message queues behind everything already in the mailbox:
        // all of it joins this batch.
        if (!self->state.flush_scheduled) {
          self->state.flush_scheduled = true;
          self->send(self, flush_atom::value);
        }
        return promise;
      },
      [self](flush_atom) { flush(self); },
  };
}

}  // namespace

writer_actor spawn_writer(caf::actor_system& system, std::unique_ptr<Journal> journal,
                          std::shared_ptr<WriterStats> stats) {
  auto holder = std::make_shared<std::unique_ptr<Journal>>(std::move(journal));
  return system.spawn<caf::detached>(writer, holder, std::move(stats));
}

}  // namespace xueji
