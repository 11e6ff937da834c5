#include "actors/account_directory.h"

#include "actors/account_actor.h"
#include "actors/directory.h"

namespace xueji {
namespace {

// Accounts in the generic directory: a message for an account that does
// not exist is answered "unknown_account".
struct AccountActors {
  using handle = account_actor;
  using stored = StoredAccount;
  using reply = AccountReply;
  using wiring = ActorWiring;
  static constexpr const char* name = "account-directory";

  static Result<std::map<std::string, StoredAccount>> load(Journal& journal,
                                                           const std::vector<std::string>& names) {
    return journal.load_accounts(names);
  }
  static Result<account_actor> spawn(caf::actor_system& system, const std::string& name,
                                     std::optional<StoredAccount> found, const wiring& w,
                                     bool reloaded) {
    if (!found) return make_error("unknown_account", "no account '" + name + "'");
    return spawn_account(system, std::move(*found), w, reloaded);
  }
};

using account_directory_pointer =
    account_directory_actor::stateful_pointer<DirectoryState<AccountActors>>;

account_directory_actor::behavior_type account_directory(
    account_directory_pointer self, std::shared_ptr<std::unique_ptr<Journal>> journal,
    AccountActors::wiring wiring, int idle_seconds, ActorFailed told_failed) {
  start_directory<AccountActors>(self, std::move(*journal), std::move(wiring), idle_seconds,
                                 std::move(told_failed));
  return {
      [self](const AccountUse& m) { return forward<AccountActors>(self, m.name, m); },
      [self](const AccountUnseal& m) { return forward<AccountActors>(self, m.name, m); },
      [self](const AccountFire& m) { return forward<AccountActors>(self, m.name, m); },
      [self](load_atom) { load_waiting<AccountActors>(self); },
      [self](unsettled_atom, const std::string& id) { drop_unsettled(self, id); },
      [self](sweep_atom) { sweep_idle(self); },
      [self](stats_atom) {
        return DirectoryStats{self->state.resident.size(), self->state.passivated,
                              self->state.dropped_unsettled, self->state.failed};
      },
  };
}

}  // namespace

account_directory_actor spawn_account_directory(
    caf::actor_system& system, std::unique_ptr<Journal> journal,
    std::shared_ptr<const CurrentDomain> data, writer_actor writer, scheduler_actor scheduler,
    int idle_seconds, std::shared_ptr<AccountsSeen> seen, ActorFailed told_failed) {
  auto holder = std::make_shared<std::unique_ptr<Journal>>(std::move(journal));
  // On the engine's workers: it never blocks (its reader does).
  return system.spawn(
      account_directory, holder,
      ActorWiring{std::move(data), std::move(writer), std::move(scheduler), {}, std::move(seen)},
      idle_seconds, std::move(told_failed));
}

}  // namespace xueji
