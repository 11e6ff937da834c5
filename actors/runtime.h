#pragma once
// The runtime: the actor system that runs the engine (the writer, the
// case and account directories, the scheduler), rebuilt from the journal
// on start. Pending cases resume; the open cases of a record closed just
// before a stop end as superseded; the archive steps an operation owed
// just before a stop get their cases, counted from when they were owed
// (actors/archive_opening.h);
// every instant that passed while the engine was down fires once, in order
// (on the system clock at start; on a virtual clock at the first advance).
//
// The facade's calls block the calling thread; adapters (HTTP, CLI) and
// tests use it, actors talk to the actors directly.

#include <caf/all.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "actors/accounts_seen.h"
#include "actors/backlog_counts.h"
#include "actors/case_directory.h"
#include "actors/current_domain.h"
#include "actors/engine_health.h"
#include "actors/left_duties_opened.h"
#include "actors/port/journal.h"
#include "actors/scheduler_actor.h"
#include "actors/writer_actor.h"

namespace xueji {

struct RuntimeOptions {
  // Passivate case actors idle for one to two such intervals (real time);
  // 0 leaves them resident until sweep() is called.
  int idle_seconds = 0;
  // How long request() and commit() wait for the durable answer; 0 waits
  // for ever. Past it the caller is told "outcome_unknown": the write is
  // still queued or in flight and may yet commit (issue 18), so a caller
  // must not take it for a refusal. A server sets it so that a store that
  // hangs (a lock, a stalled disk) never holds a request without bound.
  int reply_seconds = 0;
  // A timer whose firing the store did not record is fired again after
  // this many seconds (real time), doubling while it keeps failing.
  int timer_retry_seconds = 5;
  // The actors' worker threads; 0: one per core the machine has, at least
  // two. CAF's own default is at least four, which on two cores only adds
  // switches between threads.
  int engine_threads = 0;
  // Whether an idle worker polls for new work for a while (CAF's default:
  // 25 ms of 50 us sleeps) before it waits to be woken. Polling shortens a
  // lone request's trip through the actors; under a server's load its
  // wake-ups cost more CPU than they save (docs/performance.md, "Less
  // CPU per request"), so a server does not poll.
  bool engine_polls = false;
  // Commits the writer may have in flight at once, each on its own
  // connection (actors/writer_actor.h), where the journal takes them side
  // by side (Journal::commits_side_by_side); one otherwise.
  int writer_connections = 2;
  // Whether the archive steps a stop left owed (Art. 6, 7; after `xueji
  // import`, every entrant's) are opened on a thread of their own once the
  // engine runs, rather than before start() returns. A server is then
  // ready in seconds after a term's intake instead of after its openings
  // (211 s for a million); their deadlines count from the operation, not
  // from the opening (ArchiveDuty::owed_since), so opening them while it
  // serves moves none. `left_duties_opened` hears what the opening did,
  // on that thread; what it could not open stays owed for the sweep
  // (actors/archive_duty_sweep.h) or the next start.
  bool open_left_duties_in_background = false;
  std::function<void(const LeftDutiesOpened&)> left_duties_opened = nullptr;
  // Told when a case's or an account's actor fails (an exception out of
  // its handler): the directory drops it and goes on (actors/directory.h).
  // Called on the directory's thread; must not block.
  ActorFailed actor_failed = nullptr;
  // Told when a closed record's open cases, or an owed follow-up's, were
  // not all reached (actors/messages.h). On the directory's thread; must
  // not block.
  CasesNotReached cases_not_reached = nullptr;
};

// What the runtime holds and has done, read at one moment.
struct RuntimeStats {
  DirectoryStats cases;       // case actors resident and passivated
  DirectoryStats accounts;    // account actors likewise
  size_t pending_timers = 0;  // cases' timers in the scheduler's index
  int64_t commits = 0;        // the writer's group commits
  int64_t transitions = 0;    // transitions in them
  int64_t largest_batch = 0;
  // Commits by their number of transitions, per WriterStats's bounds (the
  // last slot: over every bound); not cumulative.
  std::vector<int64_t> batch_sizes;
  // Commits by how long the store took, per WriterStats's bounds alike, and
  // the seconds they took in all.
  std::vector<int64_t> commit_seconds;
  double commit_seconds_sum = 0;
  // How late timers fired, per kind of timer (actors/timer_lateness.h).
  std::map<std::string, TimerLateness::Figures> lateness;
  // Cases a background re-dating has still to hear from (redate_in_background).
  size_t redating_left = 0;
  // Actors alive, of every kind: a passivated actor counts until it has
  // left (CAF's registry).
  size_t actors_running = 0;
};

class Runtime {
 public:
  // Opens four journals or more (start-up, the writer's, case directory,
  // account directory), reads the deadline indexes and spawns the actors. The
  // factory's error (an unreachable store) is returned as is. With
  // `case_wakes` (a hot standby's warm copy, adapters/store/warm_deadlines.h)
  // the cases' deadline index is not read again.
  static Result<std::unique_ptr<Runtime>> start(
      const RuntimeOptions& options, std::shared_ptr<const Domain> data,
      const JournalFactory& journals,
      std::optional<std::vector<PendingWake>> case_wakes = std::nullopt);
  // A thread that called one of the blocking methods below keeps a
  // reference the actor system's end waits for (CAF 0.17's thread-local
  // logger, which a scoped_actor sets and never resets): such threads end
  // before the Runtime does (the HTTP server's workers stop first, and
  // Api::drain joins its follow-up workers).
  ~Runtime();

  // Sends a command to a case and waits for its durable answer.
  // With `answer`, the adapter's answer is rendered from the outcome and
  // committed with it (see AnswerRecipe).
  // With `audit`, the operation's audit entry commits with the transition
  // (a refusal commits nothing: the caller records it, see record_audit).
  // With `records`, the adapter's record writes commit with it likewise.
  CaseReply request(const std::string& case_id, CaseCommand command,
                    std::shared_ptr<const AnswerRecipe> answer = nullptr,
                    std::optional<AuditEntry> audit = std::nullopt, RecordWrites records = {});
  // The same without blocking: `done` is called with the durable answer, on
  // one of the engine's threads (it must not block; it may submit again).
  void submit(const std::string& case_id, CaseCommand command, std::function<void(CaseReply)> done);
  // The same with the operation's audit entry, committed with the
  // transition as `request`'s is.
  void submit(const std::string& case_id, CaseCommand command, std::optional<AuditEntry> audit,
              std::function<void(CaseReply)> done);
  // `request` without blocking, the same answer in every case (an
  // unanswered wait past reply_seconds is "outcome_unknown"): `done` is
  // called once, on one of the engine's threads, and must not block. The
  // HTTP adapter's way in: no thread waits for a case (issue 17). `admit`:
  // the caller's check of the case before the command (CaseRequest::admit).
  void request_async(const std::string& case_id, CaseCommand command,
                     std::shared_ptr<const AnswerRecipe> answer, std::optional<AuditEntry> audit,
                     RecordWrites records, std::function<void(CaseReply)> done,
                     std::function<Status(const CaseState&)> admit = {});
  // `request_async` of an opening whose id the caller drew afresh (see
  // CaseRequest::new_id): the case starts empty without a read of the store.
  void open_new_async(const std::string& case_id, OpenCase command,
                      std::shared_ptr<const AnswerRecipe> answer, std::optional<AuditEntry> audit,
                      RecordWrites records, std::function<void(CaseReply)> done);
  // Wakes a case for a timer at `at`, as the scheduler does; a timer the
  // case did not arm is refused as stale and changes nothing.
  CaseReply fire(const std::string& case_id, Instant at);
  // Moves a virtual clock to `to`, firing every timer due on the way;
  // returns how many fired. An error on the system clock or backwards.
  Result<size_t> advance(Instant to);
  // Passivates every case and account actor idle since the previous sweep.
  void sweep();
  // Passivates the actors of `case_ids` now, those resident (each after
  // the messages already sent to it): cases opened in bulk that no one
  // will touch for weeks (an intake's archive cases, Art. 6), not held
  // resident until the idle sweep. Their next message loads them again.
  void put_to_sleep(std::vector<std::string> case_ids);
  // A round trip to each directory and the scheduler: not for hot paths.
  RuntimeStats stats();
  // The cases whose next timer is at or after `from`, soonest first, from
  // the scheduler's index (a reload's re-dating, actors/domain_reload.h).
  std::vector<std::string> cases_due_from(Instant from);

  // Accounts (actors/account_actor.h): a use at `at` (refused when sealed;
  // one that would write nothing is answered without the actor,
  // accounts_seen.h),
  // an unseal recorded by `by`, a seal timer fired by hand as the scheduler
  // would, and a new account's seal put in the scheduler's index.
  AccountReply use_account(const std::string& name, Instant at);
  // Whether use_account(name, at) would be answered from the accounts as
  // last settled, without asking the account's actor (accounts_seen.h).
  bool use_is_settled(const std::string& name, Instant at) const {
    return accounts_seen_->answer_use(name, at).has_value();
  }
  AccountReply unseal_account(const std::string& name, AuditEntry by);
  AccountReply fire_account(const std::string& name, Instant at);
  void arm_account(const std::string& name, Instant seal_due);

  // Commits a transition that belongs to no case (audit entries of a read
  // or a refusal, a registration, an account or token change) through the
  // writer's group commit, and waits until it is durable: every write takes
  // the one path. The journal's error code comes back as is.
  Status commit(Transition transition);
  // The same without blocking: `done` is called with the durable answer
  // (the same codes, `outcome_unknown` past reply_seconds) on one of the
  // engine's threads; it must not block.
  void commit_async(Transition transition, std::function<void(Status)> done);

  // The rules, calendars, orgs and clock in force, held by the caller for
  // as long as it reads them: a reload may put another in force meanwhile.
  std::shared_ptr<const Domain> data() const { return domain_->get(); }
  // Puts `next` in force for every case decision and route from now on, and
  // answers the domain it replaced. Its clock must be the running one.
  // Open cases keep their plans (engine/workflow/rule_set.h).
  std::shared_ptr<const Domain> replace_domain(std::shared_ptr<const Domain> next) {
    return domain_->replace(std::move(next));
  }
  // Puts in force the domain `next` makes of the one in force, atomically
  // (CurrentDomain::update).
  template <typename Next>
  void update_domain(Next&& next) {
    domain_->update(std::forward<Next>(next));
  }
  // Asks `ids` to count their provisional steps again (RedateProvisional,
  // a few at a time) on a thread of its own, then records `years` as
  // answered (actors/schedule_arrival.h), and returns at once: a reload
  // whose caller does not wait. A re-dating still running is waited for
  // first; the destructor waits for the last. stats().redating_left counts
  // the cases it has still to hear from. A stop midway leaves `years`
  // unrecorded, so the next start asks again.
  void redate_in_background(std::vector<std::string> ids, std::vector<int> years);

  // Waits for the opening of the duties left owed when it runs in the
  // background (RuntimeOptions::open_left_duties_in_background) and answers
  // what it did; at once, with nothing done, when it ran in start().
  LeftDutiesOpened await_left_duties();

  // Which of the engine's own actors stopped while it runs, and why; none
  // while all run (actors/engine_health.h). GET /readyz says 503 then.
  std::optional<std::string> down() const { return health_->down(); }

  // The backlog kept at commit (actors/backlog_counts.h): read by /metrics,
  // told by the webhook dispatcher of each notice it delivers.
  BacklogCounts& backlog() { return *backlog_; }

 private:
  Runtime();
  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  std::shared_ptr<CurrentDomain> domain_;
  std::shared_ptr<WriterStats> writer_stats_;
  std::shared_ptr<BacklogCounts> backlog_;
  std::shared_ptr<TimerLateness> lateness_;
  std::shared_ptr<AccountsSeen> accounts_seen_ = std::make_shared<AccountsSeen>();
  std::shared_ptr<EngineHealth> health_ = std::make_shared<EngineHealth>();
  writer_actor writer_;
  scheduler_actor scheduler_;
  directory_actor directory_;
  account_directory_actor accounts_;
  gateway_actor gateway_;
  int reply_seconds_ = 0;
  std::thread redating_;
  std::shared_ptr<std::atomic<size_t>> redating_left_ = std::make_shared<std::atomic<size_t>>(0);
  // The background opening of the duties left owed, what it did, and the
  // destructor's word to stop it before its next page.
  std::thread opening_;
  LeftDutiesOpened opened_;
  std::atomic<bool> stopping_{false};
};

}  // namespace xueji
