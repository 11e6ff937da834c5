#include "actors/account_actor.h"

#include "actors/fault_reason.h"

namespace xueji {
namespace {

struct AccountActorState {
  Account account;
  std::optional<Instant> seal_due;
  std::shared_ptr<const CurrentDomain> data;
  writer_actor writer;
  scheduler_actor scheduler;
  caf::actor_addr directory;
  std::shared_ptr<AccountsSeen> seen;
  // A write's outcome went unknown: the store may be ahead of this actor,
  // which hands its messages back to the directory (directory.h).
  bool unsettled = false;
  static inline const char* name = "account";
};

using account_pointer = account_actor::stateful_pointer<AccountActorState>;

AccountReply answer(const AccountActorState& st) {
  return AccountReply{true, Error{}, st.account, st.seal_due};
}

AccountReply refusal(const AccountActorState& st, Error error) {
  AccountReply r{false, std::move(error), st.account, st.seal_due};
  return r;
}

// The store may hold a use or a seal this actor does not know of: its
// directory drops it, and the account's next message loads it afresh.
void unsettle(account_pointer self) {
  auto& st = self->state;
  if (st.unsettled) return;
  st.unsettled = true;
  if (auto directory = caf::actor_cast<account_directory_actor>(st.directory)) {
    self->send(directory, unsettled_atom::value, st.account.name);
  }
}

// An unsettled actor's message, back to the directory.
template <typename Message>
caf::typed_response_promise<AccountReply> hand_back(account_pointer self, Message message) {
  auto promise = self->make_response_promise<AccountReply>();
  if (auto directory = caf::actor_cast<account_directory_actor>(self->state.directory)) {
    promise.delegate(directory, std::move(message));
  } else {
    promise.deliver(refusal(
        self->state, make_error("store_unavailable", "the account is being reloaded; retry")));
  }
  return promise;
}

// Writes the account's new timer state (and `audit`) and only then takes
// it, arms the scheduler and answers; `refuse_with` turns a success into a
// refusal (a use that found the account due for sealing).
caf::typed_response_promise<AccountReply> persist(account_pointer self, Account next,
                                                  std::optional<Instant> seal_due,
                                                  std::vector<AuditEntry> audit,
                                                  std::optional<Error> refuse_with = std::nullopt) {
  auto promise = self->make_response_promise<AccountReply>();
  Transition t;
  t.account_changes.push_back(AccountChange{next.name, next.last_used, seal_due, next.sealed_at});
  t.audit = std::move(audit);
  self->request(self->state.writer, caf::infinite, std::move(t))
      .await(
          [self, promise, next, seal_due, refuse_with](const WriteResult& written) mutable {
            auto& st = self->state;
            if (!written.ok) {
              if (written.code == "outcome_unknown") unsettle(self);
              promise.deliver(
                  refusal(st, make_error("store_failed", "not recorded: " + written.error)));
              return;
            }
            st.account = next;
            st.seal_due = seal_due;
            if (st.seen) st.seen->settle(st.account, st.seal_due);
            const int64_t version = st.data->get()->clock->now().unix_seconds();
            self->send(st.scheduler, AccountArm{st.account.name, version, seal_due});
            promise.deliver(refuse_with ? refusal(st, *refuse_with) : answer(st));
          },
          [self, promise](const caf::error& e) mutable {
            unsettle(self);
            promise.deliver(refusal(
                self->state,
                make_error("store_failed", "writer unavailable: " + self->system().render(e))));
          });
  return promise;
}

// The seal itself, recorded on the audit trail as the engine's own act.
caf::typed_response_promise<AccountReply> seal(account_pointer self, Instant at,
                                               bool refuse_after) {
  Account next = self->state.account;
  next.sealed_at = at;
  const AuditEntry entry =
      audit_entry(at, "xueji", next.org, "account.seal", "account:" + next.name);
  std::optional<Error> refuse;
  if (refuse_after) refuse = sealed_error(next);
  return persist(self, next, std::nullopt, {entry}, refuse);
}

caf::typed_response_promise<AccountReply> deliver_now(account_pointer self, AccountReply reply) {
  auto promise = self->make_response_promise<AccountReply>();
  promise.deliver(std::move(reply));
  return promise;
}

account_actor::behavior_type account_behavior(account_pointer self, StoredAccount initial,
                                              ActorWiring wiring) {
  auto& state = self->state;
  state.account = std::move(initial.account);
  state.account.password_hash.clear();  // not the actor's business
  state.seal_due = initial.seal_due;
  state.data = std::move(wiring.data);
  state.writer = std::move(wiring.writer);
  state.scheduler = std::move(wiring.scheduler);
  self->set_exception_handler(fault_reason);
  state.directory = std::move(wiring.directory);
  state.seen = std::move(wiring.accounts_seen);
  if (state.seen) state.seen->settle(state.account, state.seal_due);
  return {
      [self](const AccountUse& use) -> caf::typed_response_promise<AccountReply> {
        auto& st = self->state;
        if (st.unsettled) return hand_back(self, use);
        // The same test answers a use without this actor (accounts_seen.h).
        if (use_changes_nothing(st.account, st.seal_due, use.at)) {
          return deliver_now(self, answer(st));
        }
        if (st.account.sealed()) return deliver_now(self, refusal(st, sealed_error(st.account)));
        // Its six months ran out before the scheduler got to it (the system
        // clock's tick is a moment late): seal now, on the instant it fell due.
        if (st.seal_due && use.at >= *st.seal_due) return seal(self, *st.seal_due, true);
        // Unsealed, before its seal, on a day not yet recorded.
        const Date today = use.at.beijing_date();
        Account next = st.account;
        next.last_used = today;
        return persist(self, next, seal_due(today), {});
      },
      [self](const AccountUnseal& unseal) -> caf::typed_response_promise<AccountReply> {
        auto& st = self->state;
        if (st.unsettled) return hand_back(self, unseal);
        if (!st.account.sealed()) {
          return deliver_now(
              self, refusal(st, make_error("not_sealed",
                                           "account '" + st.account.name + "' is not sealed")));
        }
        // Its six months start again from the unsealing.
        Account next = st.account;
        next.sealed_at.reset();
        next.last_used = unseal.by.at.beijing_date();
        AuditEntry entry = unseal.by;
        entry.outcome = "ok";
        return persist(self, next, seal_due(next.last_used), {entry});
      },
      [self](const AccountFire& fire) -> caf::typed_response_promise<AccountReply> {
        auto& st = self->state;
        if (st.unsettled) return hand_back(self, fire);
        if (st.account.sealed() || !st.seal_due || *st.seal_due != fire.at) {
          return deliver_now(self,
                             refusal(st, make_error("stale_timer", "account '" + st.account.name +
                                                                       "' has no seal due at " +
                                                                       fire.at.to_string())));
        }
        return seal(self, fire.at, false);
      },
      [self](passivate_atom) { self->quit(); },
  };
}

}  // namespace

account_actor spawn_account(caf::actor_system& system, StoredAccount initial,
                            const ActorWiring& wiring, bool reloaded) {
  if (reloaded && !initial.account.sealed()) {
    // The index may hold a seal instant the store has moved past.
    const int64_t version = wiring.data->get()->clock->now().unix_seconds();
    caf::anon_send(wiring.scheduler, AccountArm{initial.account.name, version, initial.seal_due});
  }
  return system.spawn(account_behavior, std::move(initial), wiring);
}

}  // namespace xueji
