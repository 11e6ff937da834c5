#include "adapters/cli/lease_keeper.h"

#include <unistd.h>

#include <cstdio>
#include <random>

#include "adapters/cli/command_line.h"
#include "adapters/http/log_line.h"

namespace xueji::cli {
namespace {

using Clock = std::chrono::steady_clock;

// Unique per process, readable in the lease row: host, pid and a random
// tail (a restarted process on the same host and pid is another holder).
std::string holder_id() {
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  std::random_device device;
  char tail[9];
  std::snprintf(tail, sizeof(tail), "%08x", device());
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + tail;
}

}  // namespace

std::unique_ptr<LeaseKeeper> LeaseKeeper::start(const std::string& url,
                                                const StandbySettings& settings,
                                                std::function<void()> lost) {
  auto connection = store::Connection::open(url);
  if (!connection) throw UsageError("standby: " + connection.error().message);
  if (!(*connection)->postgresql()) {
    throw UsageError(
        "standby: a hot standby needs PostgreSQL (two servers on one database); SQLite is "
        "one process's store: set standby.enabled to false");
  }
  std::unique_ptr<LeaseKeeper> keeper(
      new LeaseKeeper(std::move(*connection), settings, std::move(lost)));
  keeper->thread_ = std::thread([k = keeper.get()] { k->run(); });
  return keeper;
}

LeaseKeeper::LeaseKeeper(std::unique_ptr<store::Connection> connection,
                         const StandbySettings& settings, std::function<void()> lost)
    : connection_(std::move(connection)), settings_(settings), on_lost_(std::move(lost)) {
  fence_->holder = holder_id();
}

LeaseKeeper::~LeaseKeeper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (holding_ && !lost_) {
    fence_->lost = true;  // nothing commits after this
    auto released = store::release_lease(*connection_, fence_->holder, fence_->epoch);
    http::log_line(http::LogLevel::info,
                   released.ok() ? "engine lease released"
                                 : "engine lease "
                                   "not released: the standby waits it out",
                   {{"epoch", std::to_string(fence_->epoch.load())}});
  }
}

bool LeaseKeeper::active() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return holding_ && !lost_ && !fence_->lost && Clock::now() < valid_until_;
}

bool LeaseKeeper::lost() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lost_ || (holding_ && (fence_->lost || Clock::now() >= valid_until_));
}

std::string LeaseKeeper::active_address() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return active_address_;
}

bool LeaseKeeper::wait_until_active(const std::function<bool()>& give_up) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!holding_) {
    if (lost_) return false;
    lock.unlock();
    if (give_up()) return false;
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(50));
  }
  return true;
}

void LeaseKeeper::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_ && !lost_) {
    lock.unlock();
    tick();
    lock.lock();
    if (lost_) break;
    wake_.wait_for(lock, std::chrono::milliseconds(settings_.renew_ms), [&] { return stopping_; });
  }
  const bool lost = lost_;
  lock.unlock();
  if (lost && on_lost_) on_lost_();
}

void LeaseKeeper::tick() {
  const Clock::time_point sent = Clock::now();
  bool holding = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    holding = holding_;
  }
  if (!holding) {
    auto taken =
        store::take_lease(*connection_, fence_->holder, settings_.advertise, settings_.ttl_ms);
    if (taken && *taken) {
      std::lock_guard<std::mutex> lock(mutex_);
      fence_->epoch = **taken;
      fence_->lost = false;
      holding_ = true;
      valid_until_ = sent + std::chrono::milliseconds(settings_.ttl_ms);
      active_address_ = settings_.advertise;
      http::log_line(http::LogLevel::info, "engine lease taken: this server is active",
                     {{"epoch", std::to_string(**taken)}, {"holder", fence_->holder}});
      wake_.notify_all();
      return;
    }
    auto row = store::read_lease(*connection_);
    if (row) {
      std::lock_guard<std::mutex> lock(mutex_);
      active_address_ = row->live ? row->address : "";
    }
    return;
  }
  auto renewed = store::renew_lease(*connection_, fence_->holder, fence_->epoch, settings_.ttl_ms);
  std::lock_guard<std::mutex> lock(mutex_);
  if (renewed && *renewed && !fence_->lost) {
    valid_until_ = sent + std::chrono::milliseconds(settings_.ttl_ms);
    return;
  }
  // The database said no (another epoch began, or it expired), or a
  // commit's check did, or it has not answered for a whole time to live.
  if ((renewed && !*renewed) || fence_->lost || Clock::now() >= valid_until_) {
    const std::string why = fence_->lost ? "a commit found it taken"
                            : renewed
                                ? "taken or expired"
                                : "no renewal for a whole time to live: " + renewed.error().message;
    fence_->lost = true;
    lost_ = true;
    http::log_line(http::LogLevel::error, "engine lease lost: no more writes",
                   {{"epoch", std::to_string(fence_->epoch.load())}, {"why", why}});
  }
}

}  // namespace xueji::cli
