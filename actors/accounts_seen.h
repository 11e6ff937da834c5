#pragma once
// The accounts as their actors last settled them, readable from any
// thread: a use that would change nothing is answered from here, without a
// round trip through the account directory's thread and the account's
// actor (issue 17: every authenticated request makes one use).
//
// Only an account's actor writes its entry, once its state is durable (or
// as it loads it from the store), so an entry is never ahead of the store.
// An entry may lag it (a write whose answer was lost): `answer_use` serves
// only a use the actor would answer with no write and no refusal, and on
// a lagging entry such a use finds the account due for a write (a day not
// yet recorded, a seal reached) and goes to the actor.

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "actors/messages.h"

namespace xueji {

class AccountsSeen {
 public:
  // The account's state as its actor now holds it. Entries last used on a
  // day before the newest last use settled are dropped as the day turns:
  // a clock past that day can no longer answer them from here, so the map
  // holds the accounts used today, not every account used since start.
  void settle(const Account& account, const std::optional<Instant>& seal_due);

  // The answer the account's actor would give a use at `at` without
  // writing: the account is unsealed, its seal is not reached and today
  // (Beijing) is already its last use (Art. 24's six months count whole
  // days). Otherwise none: the use goes to the actor.
  std::optional<AccountReply> answer_use(const std::string& name, Instant at) const;

  // How many accounts are held.
  size_t size() const;

 private:
  struct Seen {
    Account account;
    std::optional<Instant> seal_due;
  };
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Seen>> accounts_;
  std::optional<Date> newest_use_;  // the latest last_used settled
};

}  // namespace xueji
