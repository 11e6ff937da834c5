#pragma once
// The messages between Xueji's actors and their typed interfaces: a message
// an actor does not declare fails to compile at the sender.

#include <caf/all.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "actors/port/transition.h"
#include "engine/account/account.h"
#include "engine/audit/audit_chain.h"
#include "engine/case/case_command.h"
#include "engine/case/case_state.h"

namespace xueji {

// How an adapter's answer to a command is written with the command's own
// transition (idempotency): rendered from the state and events it caused.
struct AnswerRecipe {
  std::string key;
  int status = 200;
  std::string content_type;
  std::function<std::string(const CaseState& after, const std::vector<CaseEvent>& events)> render;
};

// A command for one case, from outside (the API, a test).
struct CaseRequest {
  std::string case_id;
  CaseCommand command;
  std::shared_ptr<const AnswerRecipe> answer;  // none: nothing to record
  // The operation's audit entry; committed with the transition it causes
  // (outcome "ok"). A refused command writes nothing: its caller records
  // the refusal.
  std::optional<AuditEntry> audit;
  // The adapter's record writes, committed with the transition the command
  // causes (a new case's progress code, Art. 15); a refusal drops them.
  RecordWrites records = {};
  // The caller drew `case_id` afresh (adapters/http/case_ids.h: 64 random
  // bits), so the store holds no row for it: the directory spawns the case
  // empty without reading the store first. A row there after all (a
  // collision) fails the commit on case_events' key; nothing is overwritten.
  bool new_id = false;
  // The caller's own check of the case as it stands (an account's
  // jurisdiction over it, engine/account/jurisdiction.h), run by the case
  // on its committed state before the command: a refusal changes nothing
  // and is the reply's error. An unopened case (no events) is checked too,
  // and refused, leaves no actor behind. Checked here rather than on a
  // read of the store, it costs the caller no round trip and sees the
  // state the command will be decided on. None: no check.
  std::function<Status(const CaseState&)> admit = nullptr;
};

// The answer to a CaseRequest or a TimerFire: the events that are now
// durable and the case's state after them, or why nothing happened.
struct CaseReply {
  bool ok = false;
  Error error;
  std::vector<CaseEvent> events;
  CaseState state;
};

// Wakes a case for the timer it armed for `at`. The case checks it against
// its own next timer (step and instant); a stale one changes nothing.
struct TimerFire {
  std::string case_id;
  Instant at;
};

// A case's next timer, versioned by its event count so that a late message
// never overrides a newer one.
struct TimerArm {
  std::string case_id;
  int64_t version = 0;
  std::optional<Instant> at;  // none: nothing to wake for
};

// An account signed in or made a request at `at`: pushes its seal back
// (and seals it first when its six months have already run out).
struct AccountUse {
  std::string name;
  Instant at;
};

// An administrator unseals an account; `by` is the audit entry recording
// it (committed with the change).
struct AccountUnseal {
  std::string name;
  AuditEntry by;
};

// Wakes an account for the seal it armed for `at`; a stale one (the account
// was used since) changes nothing.
struct AccountFire {
  std::string name;
  Instant at;
};

// An account's seal instant for the scheduler's index, versioned by the
// instant it was decided at.
struct AccountArm {
  std::string name;
  int64_t version = 0;
  std::optional<Instant> at;
};

// The account after the message, or why not ("account_sealed",
// "unknown_account", "stale_timer", "not_sealed", "store_failed").
struct AccountReply {
  bool ok = false;
  Error error;
  Account account;
  std::optional<Instant> seal_due;
};

// A command whose answer is handed to `done` (on an actor's thread) rather
// than waited for: the asynchronous way in for adapters that do not park a
// thread per request.
struct SubmittedRequest {
  CaseRequest request;
  std::function<void(CaseReply)> done;
  // Waits RuntimeOptions::reply_seconds at most, then answers
  // "outcome_unknown", as Runtime::request does; else waits as long as the
  // case takes.
  bool bounded = false;
};

// A transition of no case (a request's audit entry) whose durable answer
// is handed to `done` likewise: the HTTP adapter's last step of every
// request, so no thread waits for the commit.
struct SubmittedCommit {
  Transition transition;
  std::function<void(Status)> done;
};

struct WriteResult {
  bool ok = false;
  std::string error;
  std::string code;  // the journal's error code ("student_changed", "store_failed")
};

// A student's record was closed by case `by` ("" at start-up, for a record
// closed before a stop): the student's other open cases end as superseded
// (a death ends them all, Art. 21).
// With `owed`, case `by`'s commit owes the student's other cases a
// follow-up instead (engine/case/owed_follow_up.h; Art. 16: a resume or a
// renewal follows the leave up, leave_follow_up.h; Art. 12, 17: a
// transfer moved the record, record_followed.h): each live case is sent
// it, those it does not concern refuse, and once each has answered for
// good the owed row is settled.
struct EndOpenCases {
  std::string subject;
  std::string by;
  std::optional<OwedFollowUp> owed = std::nullopt;
};

// The directory's view of itself.
struct DirectoryStats {
  size_t resident = 0;           // case actors alive
  size_t passivated = 0;         // cases put to sleep since start
  size_t dropped_unsettled = 0;  // dropped after a write's outcome was unknown
  size_t failed = 0;             // dropped after failing (directory.h, drop_failed)
};

// Told, on the directory's thread, of a resident actor that failed: the
// directory's name, the record's id and why.
using ActorFailed = std::function<void(const std::string& directory, const std::string& id,
                                       const std::string& why)>;

// Told, on the case directory's thread, that a closed record's other open
// cases, or the cases an owed follow-up is for, were not all reached now:
// `subject` the record, `by` the case that closed it or owes the follow-up
// ("" for a record found closed at start), `why` the store's error or the
// case's answer. Nothing is lost: a case left open is refused when it next
// writes the record, the next start ends it, and a follow-up stays owed
// until every case answered for good (case_directory.cc).
using CasesNotReached =
    std::function<void(const std::string& subject, const std::string& by, const std::string& why)>;

using flush_atom = caf::atom_constant<caf::atom("flush")>;
using advance_atom = caf::atom_constant<caf::atom("advance")>;
using tick_atom = caf::atom_constant<caf::atom("tick")>;
using sweep_atom = caf::atom_constant<caf::atom("sweep")>;
using stats_atom = caf::atom_constant<caf::atom("stats")>;
using pending_atom = caf::atom_constant<caf::atom("pending")>;
using passivate_atom = caf::atom_constant<caf::atom("passivate")>;
using load_atom = caf::atom_constant<caf::atom("load")>;
using unsettled_atom = caf::atom_constant<caf::atom("unsettled")>;
using retry_atom = caf::atom_constant<caf::atom("retry")>;

// Groups transitions from many cases into one commit.
using writer_actor =
    caf::typed_actor<caf::replies_to<Transition>::with<WriteResult>, caf::reacts_to<flush_atom>>;

// One pending case.
using case_actor =
    caf::typed_actor<caf::replies_to<CaseRequest>::with<CaseReply>,
                     caf::replies_to<TimerFire>::with<CaseReply>, caf::reacts_to<passivate_atom>>;

// Spawns or finds the actor of a case; passivates idle ones.
using directory_actor =
    caf::typed_actor<caf::replies_to<CaseRequest>::with<CaseReply>,
                     caf::replies_to<TimerFire>::with<CaseReply>, caf::reacts_to<EndOpenCases>,
                     caf::reacts_to<sweep_atom>, caf::reacts_to<load_atom>,
                     caf::reacts_to<unsettled_atom, std::string>,
                     caf::reacts_to<passivate_atom, std::vector<std::string>>,
                     caf::replies_to<stats_atom>::with<DirectoryStats>>;

// Takes submitted requests to the directory, and submitted commits to the
// writer, and calls back with the answer (actors/gateway.h); its ticks end
// the waits that ran out.
using gateway_actor = caf::typed_actor<caf::reacts_to<SubmittedRequest>,
                                       caf::reacts_to<SubmittedCommit>, caf::reacts_to<tick_atom>>;

// One account (its seal timer).
using account_actor = caf::typed_actor<caf::replies_to<AccountUse>::with<AccountReply>,
                                       caf::replies_to<AccountUnseal>::with<AccountReply>,
                                       caf::replies_to<AccountFire>::with<AccountReply>,
                                       caf::reacts_to<passivate_atom>>;

// Spawns or finds the actor of an account; passivates idle ones.
using account_directory_actor =
    caf::typed_actor<caf::replies_to<AccountUse>::with<AccountReply>,
                     caf::replies_to<AccountUnseal>::with<AccountReply>,
                     caf::replies_to<AccountFire>::with<AccountReply>, caf::reacts_to<sweep_atom>,
                     caf::reacts_to<load_atom>, caf::reacts_to<unsettled_atom, std::string>,
                     caf::replies_to<stats_atom>::with<DirectoryStats>>;

// Holds the deadline index of cases and accounts and wakes them when their
// instant comes; learns the two directories once, at boot. Routes a closed
// record's EndOpenCases to the case directory, so a case actor needs no
// handle of its own for it.
using scheduler_actor =
    caf::typed_actor<caf::reacts_to<TimerArm>, caf::reacts_to<AccountArm>,
                     caf::reacts_to<EndOpenCases>, caf::reacts_to<retry_atom>,
                     caf::replies_to<advance_atom, Instant>::with<size_t>,
                     caf::reacts_to<tick_atom>, caf::replies_to<pending_atom>::with<size_t>,
                     caf::replies_to<pending_atom, Instant>::with<std::vector<std::string>>,
                     caf::reacts_to<directory_actor>, caf::reacts_to<account_directory_actor>>;

}  // namespace xueji

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::CaseRequest)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::CaseReply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::CaseCommand)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::TimerFire)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::TimerArm)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::WriteResult)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::EndOpenCases)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::SubmittedRequest)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::SubmittedCommit)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::AccountUse)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::AccountUnseal)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::AccountFire)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::AccountArm)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::AccountReply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::DirectoryStats)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::Transition)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::Instant)
