#include "actors/accounts_seen.h"

#include <iterator>
#include <mutex>

namespace xueji {

void AccountsSeen::settle(const Account& account, const std::optional<Instant>& seal_due) {
  auto seen = std::make_shared<const Seen>(Seen{account, seal_due});
  std::unique_lock<std::shared_mutex> lock(mutex_);
  // A use is answered here only on its account's last-use day
  // (use_changes_nothing); a use settled on a later day means the clock
  // has passed every earlier one. Once a day, the earlier ones go.
  if (!newest_use_ || *newest_use_ < account.last_used) {
    newest_use_ = account.last_used;
    for (auto it = accounts_.begin(); it != accounts_.end();) {
      it = it->second->account.last_used < *newest_use_ ? accounts_.erase(it) : std::next(it);
    }
  }
  if (account.last_used < *newest_use_) {
    accounts_.erase(account.name);  // loaded from the store: its next use writes
    return;
  }
  accounts_[account.name] = std::move(seen);
}

size_t AccountsSeen::size() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return accounts_.size();
}

std::optional<AccountReply> AccountsSeen::answer_use(const std::string& name, Instant at) const {
  std::shared_ptr<const Seen> seen;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = accounts_.find(name);
    if (it == accounts_.end()) return std::nullopt;
    seen = it->second;
  }
  // The account actor's own test (account_actor.cc): any other use is the
  // actor's to answer.
  if (!use_changes_nothing(seen->account, seen->seal_due, at)) return std::nullopt;
  return AccountReply{true, Error{}, seen->account, seen->seal_due};
}

}  // namespace xueji
