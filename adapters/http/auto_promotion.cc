#include "adapters/http/auto_promotion.h"

#include <chrono>
#include <cstdio>

#include "adapters/http/log_line.h"
#include "engine/audit/audit_chain.h"

namespace xueji::http {
namespace {

// How long the timer thread sleeps at most between two looks at the clock.
constexpr int64_t kLongestSleepSeconds = 3600;

}  // namespace

AutoPromotion::AutoPromotion(Runtime& engine, std::shared_ptr<store::ConnectionPool> pool)
    : engine_(engine),
      runs_(std::move(pool)),
      provinces_(promotion_provinces(engine.data()->orgs)) {}

AutoPromotion::~AutoPromotion() {
  {
    std::lock_guard<std::mutex> lock(timer_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (timer_.joinable()) timer_.join();
}

Result<bool> AutoPromotion::finish(const StudentRun& run) {
  std::lock_guard<std::mutex> lock(running_);
  auto done = runs_.run_to_end(run);
  if (!done) return done.error();
  const bool unfinished = !done->before || !done->before->finished_at;
  if (unfinished) {
    // Nobody asked for it: the trail says the system ran it, and when.
    Transition t;
    t.audit.push_back(audit_entry(
        engine_.data()->clock->now(), "system", OrgTree::kMinistryCode, "promotion.run",
        "promotion:" + run.id, "ok",
        "automatic promotion (Art. 7): " + std::to_string(done->after.changed) + " records"));
    if (Status recorded = engine_.commit(std::move(t)); !recorded) return recorded.error();
  }
  return unfinished;
}

Result<store::StoredRun> AutoPromotion::run(const DuePromotion& due) {
  auto run = promotion_run(engine_.data()->orgs, due.province, due.year, due.at);
  if (!run) return run.error();
  auto done = finish(*run);
  if (!done) return done.error();
  auto stored = runs_.find_run(run->id);
  if (!stored) return stored.error();
  if (!*stored) return make_error("store_failed", "run " + run->id + " was not recorded");
  return **stored;
}

Result<std::vector<std::string>> AutoPromotion::recover() {
  std::vector<std::string> touched;
  const auto held = engine_.data();
  const Domain& data = *held;
  // First what was interrupted, at the instant it was started with.
  auto open = runs_.unfinished("promotion");
  if (!open) return open.error();
  for (const auto& stored : *open) {
    auto run = promotion_run(data.orgs, stored.scope, run_year(stored.id), stored.at);
    if (!run) return run.error();
    if (run->id != stored.id) {
      return make_error("store_failed", "run " + stored.id + " cannot be resumed: its scope " +
                                            stored.scope + " names run " + run->id);
    }
    auto done = finish(*run);
    if (!done) return done.error();
    touched.push_back(run->id);
  }
  // Then the dates passed while the server was down. A missed run starts
  // now, not on its date: the month of corrections follows the grades'
  // move, so the schools get the whole of it.
  const Instant now = data.clock->now();
  for (const auto& due : missed_promotions(data.rules, provinces_, now)) {
    auto run = promotion_run(data.orgs, due.province, due.year, now);
    if (!run) return run.error();
    auto done = finish(*run);
    if (!done) return done.error();
    if (*done) touched.push_back(run->id);
  }
  return touched;
}

Result<size_t> AutoPromotion::advance(Instant to) {
  const auto held = engine_.data();
  const Domain& data = *held;
  size_t fired = 0;
  for (const auto& due : promotions_due(data.rules, provinces_, data.clock->now(), to)) {
    auto moved = engine_.advance(due.at);
    if (!moved) return moved.error();
    fired += *moved;
    auto run = this->run(due);
    if (!run) return run.error();
  }
  auto moved = engine_.advance(to);
  if (!moved) return moved.error();
  return fired + *moved;
}

void AutoPromotion::start_timer() {
  if (engine_.data()->clock->is_virtual() || timer_.joinable()) return;
  timer_ = std::thread([this] { timer_loop(); });
}

void AutoPromotion::wake() {
  {
    std::lock_guard<std::mutex> lock(timer_mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void AutoPromotion::timer_loop() {
  const auto held = engine_.data();
  const Domain& data = *held;
  Instant seen = data.clock->now();
  std::unique_lock<std::mutex> lock(timer_mutex_);
  while (!stopping_) {
    const Instant now = data.clock->now();
    lock.unlock();
    bool failed = false;
    for (const auto& due : promotions_due(data.rules, provinces_, seen, now)) {
      auto run = this->run(due);
      if (!run) {
        log_line(LogLevel::error, "promotion failed, to be tried again",
                 {{"year", due.year}, {"province", due.province}, {"error", run.error().message}});
        failed = true;
        break;
      }
      log_line(LogLevel::info, "promotion ran",
               {{"promotion", run->id}, {"records", static_cast<long long>(run->changed)}});
    }
    // After a failure, the same window again at the next look.
    if (!failed) seen = now;
    lock.lock();
    const auto next =
        promotions_due(data.rules, provinces_, now, now.plus_seconds(kLongestSleepSeconds));
    const int64_t wait =
        next.empty() ? kLongestSleepSeconds
                     : std::max<int64_t>(1, next.front().at.unix_seconds() - now.unix_seconds());
    wake_.wait_for(lock, std::chrono::seconds(wait), [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

}  // namespace xueji::http
