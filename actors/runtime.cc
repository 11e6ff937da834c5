#include "actors/runtime.h"

#include "actors/account_directory.h"
#include "actors/archive_opening.h"
#include "actors/gateway.h"
#include "actors/schedule_arrival.h"
#include "actors/tsan_hand_over.h"

#include <algorithm>
#include <future>
#include <thread>

namespace xueji {

Runtime::Runtime() = default;

namespace {

// The wait for a durable answer (RuntimeOptions::reply_seconds).
caf::duration reply_wait(int seconds) {
  if (seconds <= 0) return caf::duration(caf::infinite);
  return caf::duration(std::chrono::seconds(seconds));
}

// Tells `health` if `actor` stops for any reason but a stop asked for
// (the destructor's user_shutdown) or a normal exit.
template <typename Handle>
void watch(const std::shared_ptr<EngineHealth>& health, const Handle& actor, const char* name) {
  caf::actor_cast<caf::abstract_actor*>(actor)->attach_functor(
      [health, name](const caf::error& reason) {
        if (reason == caf::exit_reason::user_shutdown || reason == caf::exit_reason::normal) return;
        health->stopped(name, caf::to_string(reason));
      });
}

// The scheduler's workers (RuntimeOptions::engine_threads, engine_polls).
void configure_workers(caf::actor_system_config& config, const RuntimeOptions& options) {
  size_t threads = options.engine_threads > 0
                       ? static_cast<size_t>(options.engine_threads)
                       : std::max<size_t>(2, std::thread::hardware_concurrency());
  config.set("scheduler.max-threads", threads);
  // No moderate polling: an idle worker goes from its short spin straight to
  // waiting on its condition variable, which an enqueue signals.
  if (!options.engine_polls) config.set("work-stealing.moderate-poll-attempts", size_t{0});
}

}  // namespace

Result<std::unique_ptr<Runtime>> Runtime::start(
    const RuntimeOptions& options, std::shared_ptr<const Domain> data,
    const JournalFactory& journals, std::optional<std::vector<PendingWake>> case_wakes) {
  auto boot = journals();
  if (!boot) return boot.error();
  // Every timer, whenever it falls: one window from the epoch to 9999.
  const Instant first = Instant::from_unix_seconds(0);
  const Instant last = Instant::from_unix_seconds(253402300800);
  auto writer_journal = journals();
  if (!writer_journal) return writer_journal.error();
  // The backlog once, before anything commits (the writer moves it on),
  // counted on the writer's connection while this one streams the
  // deadline index: at ten million open cases each takes seconds of its
  // own (issue 17).
  Journal& counter = **writer_journal;
  auto counting = std::async(std::launch::async, [&counter] { return counter.count_backlog(); });
  // The deadline index built as the store streams it: ten million open
  // cases held once, not also as a list of them (issue 17).
  DeadlineIndex cases;
  if (case_wakes) {
    cases.add_all(std::move(*case_wakes));
  } else {
    Status read = (*boot)->each_wake(WakeIndex::cases, first, last,
                                     [&](PendingWake&& wake) { cases.add(std::move(wake)); });
    if (!read) return read.error();
  }
  auto backlog = counting.get();
  if (!backlog) return backlog.error();
  DeadlineIndex seals;
  Status sealed = (*boot)->each_wake(WakeIndex::accounts, first, last,
                                     [&](PendingWake&& wake) { seals.add(std::move(wake)); });
  if (!sealed) return sealed.error();
  // Records closed just before a crash, whose other cases were not yet
  // ended: they are ended now, as they would have been.
  auto closed = (*boot)->closed_with_open_cases();
  if (!closed) return closed.error();
  // Follow-ups owed by cases committed just before a stop, not yet
  // delivered to the student's other cases (Art. 12, 16, 17): sent below.
  auto follow_ups = (*boot)->owed_follow_ups();
  if (!follow_ups) return follow_ups.error();
  // The holiday schedules already answered (Art. 15): those in force
  // besides are re-dated below, once running.
  auto answered = (*boot)->schedule_years();
  if (!answered) return answered.error();
  std::vector<std::unique_ptr<Journal>> writer_journals;
  writer_journals.push_back(std::move(*writer_journal));
  const int committers =
      writer_journals.front()->commits_side_by_side() ? std::max(1, options.writer_connections) : 1;
  while (static_cast<int>(writer_journals.size()) < committers) {
    auto another = journals();
    if (!another) return another.error();
    writer_journals.push_back(std::move(*another));
  }
  auto account_journal = journals();
  if (!account_journal) return account_journal.error();
  auto directory_journal = journals();
  if (!directory_journal) return directory_journal.error();

  std::unique_ptr<Runtime> engine(new Runtime());
  engine->reply_seconds_ = options.reply_seconds;
  configure_workers(engine->config_, options);
  engine->system_ = std::make_unique<caf::actor_system>(engine->config_);
  engine->domain_ = std::make_shared<CurrentDomain>(data);
  engine->writer_stats_ = std::make_shared<WriterStats>();
  engine->backlog_ = std::make_shared<BacklogCounts>(std::move(*backlog));
  engine->writer_stats_->backlog = engine->backlog_;
  engine->lateness_ = std::make_shared<TimerLateness>();
  auto& system = *engine->system_;
  engine->writer_ = spawn_writer(system, std::move(writer_journals), engine->writer_stats_);
  engine->scheduler_ = spawn_scheduler(system, data->clock, std::move(cases), std::move(seals),
                                       engine->lateness_, options.timer_retry_seconds);
  engine->directory_ = spawn_directory(system, std::move(*directory_journal), engine->domain_,
                                       engine->writer_, engine->scheduler_, options.idle_seconds,
                                       options.actor_failed, options.cases_not_reached);
  engine->accounts_ = spawn_account_directory(
      system, std::move(*account_journal), engine->domain_, engine->writer_, engine->scheduler_,
      options.idle_seconds, engine->accounts_seen_, options.actor_failed);
  connect_scheduler(engine->scheduler_, engine->directory_, engine->accounts_);
  for (const auto& subject : *closed) caf::anon_send(engine->directory_, EndOpenCases{subject, ""});
  for (auto& owed_follow_up : *follow_ups) {
    std::string subject = owed_follow_up.subject, by = owed_follow_up.by_case;
    caf::anon_send(engine->directory_, EndOpenCases{subject, by, std::move(owed_follow_up)});
  }
  engine->gateway_ =
      spawn_gateway(system, engine->directory_, engine->writer_, options.reply_seconds);
  watch(engine->health_, engine->writer_, "writer");
  watch(engine->health_, engine->scheduler_, "scheduler");
  watch(engine->health_, engine->directory_, "case directory");
  watch(engine->health_, engine->accounts_, "account directory");
  watch(engine->health_, engine->gateway_, "gateway");
  // Archive steps owed by operations committed just before a stop, whose
  // cases were not yet opened (Art. 6, 7); after `xueji import` of a
  // term's entrants, every row's: side by side, a page at a time; or below.
  const auto take_every_duty = [](const ArchiveDuty&) { return true; };
  if (!options.open_left_duties_in_background) {
    Status opened = open_left_duties(*engine, **boot, take_every_duty).status;
    if (!opened) return opened.error();
  }
  // A schedule added to the files while the server was down, or a
  // re-dating a stop cut short (schedule_arrival.h).
  auto arrival = answer_arrived_schedules(*engine, *answered);
  if (!arrival) return arrival.error();
  // Started once every timer is armed: the scheduler builds its index from
  // the wakes as it starts, on a worker, and a start that answered before
  // would have a server say ready with ten million timers still to arm
  // (seconds of them, issue 17). A round trip queues behind the building.
  {
    caf::scoped_actor self{system};
    self->request(engine->scheduler_, caf::infinite, pending_atom::value)
        .receive([](size_t) {}, [](const caf::error&) {});
  }
  if (options.open_left_duties_in_background) {
    Runtime* running = engine.get();
    engine->opening_ = std::thread([running, take_every_duty, journal = std::move(*boot),
                                    told = options.left_duties_opened] {
      running->opened_ =
          open_left_duties(*running, *journal, take_every_duty, kLeftDutyPage, &running->stopping_);
      if (told) told(running->opened_);
    });
  }
  return engine;
}

LeftDutiesOpened Runtime::await_left_duties() {
  if (opening_.joinable()) opening_.join();
  return opened_;
}

Runtime::~Runtime() {
  stopping_ = true;  // the opening stops at its next page; both threads' cases answer first
  if (opening_.joinable()) opening_.join();
  if (redating_.joinable()) redating_.join();
  if (!system_) return;
  caf::anon_send_exit(gateway_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(directory_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(accounts_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(scheduler_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(writer_, caf::exit_reason::user_shutdown);
  // A detached actor's thread ends only once its last handle is gone.
  gateway_ = nullptr;
  directory_ = nullptr;
  accounts_ = nullptr;
  scheduler_ = nullptr;
  writer_ = nullptr;
  system_.reset();  // waits for every actor, detached ones included
}

CaseReply Runtime::request(const std::string& case_id, CaseCommand command,
                           std::shared_ptr<const AnswerRecipe> answer,
                           std::optional<AuditEntry> audit, RecordWrites records) {
  caf::scoped_actor self{*system_};
  CaseReply reply;
  self->request(directory_, reply_wait(reply_seconds_),
                CaseRequest{case_id, std::move(command), std::move(answer), std::move(audit),
                            std::move(records)})
      .receive([&](CaseReply& r) { reply = std::move(r); },
               [&](const caf::error& e) { reply.error = no_answer(*system_, e); });
  return reply;
}

void Runtime::submit(const std::string& case_id, CaseCommand command,
                     std::function<void(CaseReply)> done) {
  submit(case_id, std::move(command), std::nullopt, std::move(done));
}

void Runtime::submit(const std::string& case_id, CaseCommand command,
                     std::optional<AuditEntry> audit, std::function<void(CaseReply)> done) {
  caf::anon_send(gateway_, SubmittedRequest{
                               CaseRequest{case_id, std::move(command), nullptr, std::move(audit)},
                               after_hand_over(std::move(done))});
}

namespace {

// The asynchronous way in: `done` has its answer within reply_seconds.
void send_bounded(const gateway_actor& gateway, CaseRequest request,
                  std::function<void(CaseReply)> done) {
  SubmittedRequest submitted{std::move(request), after_hand_over(std::move(done))};
  submitted.bounded = true;
  caf::anon_send(gateway, std::move(submitted));
}

}  // namespace

void Runtime::request_async(const std::string& case_id, CaseCommand command,
                            std::shared_ptr<const AnswerRecipe> answer,
                            std::optional<AuditEntry> audit, RecordWrites records,
                            std::function<void(CaseReply)> done,
                            std::function<Status(const CaseState&)> admit) {
  CaseRequest request{case_id, std::move(command), std::move(answer), std::move(audit),
                      std::move(records)};
  request.admit = std::move(admit);
  send_bounded(gateway_, std::move(request), std::move(done));
}

void Runtime::open_new_async(const std::string& case_id, OpenCase command,
                             std::shared_ptr<const AnswerRecipe> answer,
                             std::optional<AuditEntry> audit, RecordWrites records,
                             std::function<void(CaseReply)> done) {
  CaseRequest request{case_id, std::move(command), std::move(answer), std::move(audit),
                      std::move(records)};
  request.new_id = true;
  send_bounded(gateway_, std::move(request), std::move(done));
}

CaseReply Runtime::fire(const std::string& case_id, Instant at) {
  caf::scoped_actor self{*system_};
  CaseReply reply;
  self->request(directory_, caf::infinite, TimerFire{case_id, at})
      .receive([&](CaseReply& r) { reply = std::move(r); },
               [&](const caf::error& e) {
                 reply.error = make_error("engine_unavailable", system_->render(e));
               });
  return reply;
}

Result<size_t> Runtime::advance(Instant to) {
  caf::scoped_actor self{*system_};
  Result<size_t> result = make_error("engine_unavailable", "no answer");
  self->request(scheduler_, caf::infinite, advance_atom::value, to)
      .receive([&](size_t fired) { result = fired; },
               [&](const caf::error&) {
                 result = make_error("invalid_clock_move",
                                     "the clock can only be advanced when it is simulated, "
                                     "forwards, one move at a time (asked: " +
                                         to.to_string() + ")");
               });
  return result;
}

void Runtime::sweep() {
  caf::scoped_actor self{*system_};
  self->send(directory_, sweep_atom::value);
  self->send(accounts_, sweep_atom::value);
  // A stats round trip returns once the sweep before it is done.
  stats();
}

void Runtime::put_to_sleep(std::vector<std::string> case_ids) {
  caf::anon_send(directory_, passivate_atom::value, std::move(case_ids));
}

RuntimeStats Runtime::stats() {
  caf::scoped_actor self{*system_};
  RuntimeStats out;
  self->request(directory_, caf::infinite, stats_atom::value)
      .receive([&](const DirectoryStats& s) { out.cases = s; }, [](const caf::error&) {});
  self->request(accounts_, caf::infinite, stats_atom::value)
      .receive([&](const DirectoryStats& s) { out.accounts = s; }, [](const caf::error&) {});
  self->request(scheduler_, caf::infinite, pending_atom::value)
      .receive([&](size_t n) { out.pending_timers = n; }, [](const caf::error&) {});
  out.commits = writer_stats_->commits.load();
  out.transitions = writer_stats_->transitions.load();
  out.largest_batch = writer_stats_->largest_batch.load();
  for (const auto& n : writer_stats_->batch_sizes) out.batch_sizes.push_back(n.load());
  for (const auto& n : writer_stats_->commit_seconds) out.commit_seconds.push_back(n.load());
  out.commit_seconds_sum = static_cast<double>(writer_stats_->commit_microseconds.load()) / 1e6;
  out.lateness = lateness_->read();
  out.redating_left = redating_left_->load();
  out.actors_running = system_->registry().running();
  return out;
}

void Runtime::redate_in_background(std::vector<std::string> ids, std::vector<int> years) {
  if (redating_.joinable()) redating_.join();
  redating_left_->store(ids.size());
  redating_ = std::thread([this, ids = std::move(ids), years = std::move(years)] {
    redate_cases(*this, ids, redating_left_.get());
    // A failure to record them leaves the next start to ask again: harmless.
    (void)settle_schedule_years(*this, years);
  });
}

std::vector<std::string> Runtime::cases_due_from(Instant from) {
  caf::scoped_actor self{*system_};
  std::vector<std::string> ids;
  self->request(scheduler_, caf::infinite, pending_atom::value, from)
      .receive([&](std::vector<std::string>& found) { ids = std::move(found); },
               [](const caf::error&) {});
  return ids;
}

namespace {

// An account's answer, waited for as long as a case's. Past it the caller
// is told `timeout_code`: a use (its date of last use still being written)
// is no change the caller asked for, store_unavailable; an unsealing is,
// and may yet commit, outcome_unknown.
template <typename Handle, typename Message>
AccountReply ask_account(caf::actor_system& system, const Handle& to, Message message,
                         int reply_seconds, const char* timeout_code = "store_unavailable") {
  caf::scoped_actor self{system};
  AccountReply reply;
  self->request(to, reply_wait(reply_seconds), std::move(message))
      .receive([&](AccountReply& r) { reply = std::move(r); },
               [&](const caf::error& e) { reply.error = no_answer(system, e, timeout_code); });
  return reply;
}

}  // namespace

AccountReply Runtime::use_account(const std::string& name, Instant at) {
  if (auto settled = accounts_seen_->answer_use(name, at)) return std::move(*settled);
  return ask_account(*system_, accounts_, AccountUse{name, at}, reply_seconds_);
}

AccountReply Runtime::unseal_account(const std::string& name, AuditEntry by) {
  return ask_account(*system_, accounts_, AccountUnseal{name, std::move(by)}, reply_seconds_,
                     "outcome_unknown");
}

AccountReply Runtime::fire_account(const std::string& name, Instant at) {
  return ask_account(*system_, accounts_, AccountFire{name, at}, reply_seconds_);
}

void Runtime::arm_account(const std::string& name, Instant seal_due) {
  caf::anon_send(scheduler_, AccountArm{name, data()->clock->now().unix_seconds(),
                                        std::optional<Instant>(seal_due)});
}

void Runtime::commit_async(Transition transition, std::function<void(Status)> done) {
  caf::anon_send(gateway_,
                 SubmittedCommit{std::move(transition), after_hand_over(std::move(done))});
}

Status Runtime::commit(Transition t) {
  caf::scoped_actor self{*system_};
  Status out = make_error("engine_unavailable", "no answer from the writer");
  self->request(writer_, reply_wait(reply_seconds_), std::move(t))
      .receive(
          [&](const WriteResult& w) {
            out = w.ok ? Status()
                       : Status(make_error(w.code.empty() ? "store_failed" : w.code, w.error));
          },
          [&](const caf::error& e) { out = no_answer(*system_, e); });
  return out;
}

}  // namespace xueji
