#include "actors/accounts_seen.h"

#include <mutex>

namespace xueji {

void AccountsSeen::settle(const Account& account, const std::optional<Instant>& seal_due) {
  auto seen = std::make_shared<const Seen>(Seen{account, seal_due});
  std::unique_lock<std::shared_mutex> lock(mutex_);
  accounts_[account.name] = std::move(seen);
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
