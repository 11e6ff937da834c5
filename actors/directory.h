#pragma once
// One directory for every kind of actor the engine keeps per record (cases,
// accounts): it finds the actor of an id, or spawns it from the journal on
// the id's first message, and passivates actors left idle (idle_sweep.h).
// Every id named by the messages queued while a load is pending is loaded
// in one query, and each actor receives its messages in the order they
// came.
//
// A kind says how (see case_directory.cc, account_directory.cc):
//   using handle = ...;   the actor's typed handle
//   using stored = ...;   what the journal keeps of one record
//   using reply = ...;    the answer type, with an `Error error` member
//   using wiring = ...;   what spawning needs besides the record (ActorWiring)
//   static constexpr const char* name;
//   static Result<std::map<std::string, stored>> load(Journal&, ids);
//   static Result<handle> spawn(caf::actor_system&, id, std::optional<stored>, const wiring&,
//                               bool reloaded);
//     `reloaded`: the actor before it left unsettled (drop_unsettled), so
//     the store may be ahead of the scheduler's index: the new actor
//     re-arms its timer from what it loaded.
//
// An actor whose write went unanswered (its COMMIT's outcome unknown)
// cannot trust its memory: it may be behind the store. It tells its
// directory (unsettled_atom), which drops it; it hands every message still
// reaching it back to the directory, which loads the record afresh.
//
// The directory runs on the engine's workers and never blocks: its reads
// of the journal (a load, a student's open cases) run on a reader, a
// detached actor of its own with the directory's connection, and the
// directory goes on with resident ids meanwhile. Ids named while a load is
// in flight wait for the next one; messages for an id being loaded queue
// behind those that named it first.
//
// An actor that fails (an exception out of its handler: a fault of the
// code, not a state of the record) is dropped the same way (drop_failed):
// the other records' actors go on, and the next message for its id loads
// the record as the store has it.

#include <caf/all.hpp>

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "actors/actor_wiring.h"
#include "actors/current_domain.h"
#include "actors/fault_reason.h"
#include "actors/idle_sweep.h"
#include "actors/messages.h"
#include "actors/port/journal.h"

namespace xueji {

// A read of the journal the directory hands its reader: `run` is called on
// the reader's thread with its journal, and the answer says it has run. An
// exception out of `run` is carried back, for the directory to fail with
// as though it had read the journal itself.
struct JournalRead {
  std::function<void(Journal&)> run;
};
struct JournalReadDone {
  std::exception_ptr thrown;
};

}  // namespace xueji

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::JournalRead)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(xueji::JournalReadDone)

namespace xueji {

struct JournalReaderState {
  std::unique_ptr<Journal> journal;
  static inline const char* name = "journal-reader";
};

inline caf::behavior journal_reader(caf::stateful_actor<JournalReaderState>* self,
                                    std::shared_ptr<std::unique_ptr<Journal>> journal) {
  self->state.journal = std::move(*journal);
  return {
      [self](JournalRead& read) {
        JournalReadDone done;
        try {
          read.run(*self->state.journal);
        } catch (...) {
          done.thrown = std::current_exception();
        }
        return done;
      },
  };
}

// Runs `run` on the directory's reader, then `done` on the directory once
// it has run. A read that threw fails the directory with its exception
// (fault_reason.h), after `failed` has told whoever waited on it.
template <typename Self, typename Done, typename Failed>
void read_journal(Self* self, std::function<void(Journal&)> run, Done done, Failed failed) {
  self->request(self->state.reader, caf::infinite, JournalRead{std::move(run)})
      .then(
          [done, failed](JournalReadDone& read) mutable {
            if (read.thrown) {
              try {
                std::rethrow_exception(read.thrown);
              } catch (const std::exception& e) {
                failed(std::string(e.what()));
              } catch (...) {
                failed(std::string("an exception of no known type"));
              }
              std::rethrow_exception(read.thrown);
            }
            done();
          },
          [failed](caf::error&) mutable {
            failed("its reader is gone");
            throw std::runtime_error("the directory's reader is gone");
          });
}

template <typename Handle>
struct Resident {
  Handle actor;
  bool used_since_sweep = true;
};

template <typename Kind>
struct DirectoryState {
  using handle = typename Kind::handle;
  // What a message for an id that is not resident waits for: its actor,
  // once loaded, or why there is none.
  using Waiter = std::function<void(const Result<handle>&)>;

  // Reads the journal for the directory (JournalRead), on its own thread.
  caf::actor reader;
  typename Kind::wiring wiring;
  std::unordered_map<std::string, Resident<handle>> resident;
  // Ids named since the last load went out, and those it is loading
  // (none while no load is out).
  std::map<std::string, std::vector<Waiter>> waiting;
  std::map<std::string, std::vector<Waiter>> loading;
  // Ids whose actor was dropped unsettled and not loaded since.
  std::set<std::string> unsettled;
  bool load_scheduled = false;
  size_t passivated = 0;
  size_t dropped_unsettled = 0;
  size_t failed = 0;
  ActorFailed told_failed;
  CasesNotReached told_not_reached;  // the case directory's only
  int idle_seconds = 0;              // 0: sweeps only when asked
  static inline const char* name = Kind::name;

  DirectoryState() = default;
  DirectoryState(const DirectoryState&) = delete;
  DirectoryState& operator=(const DirectoryState&) = delete;
  // The directory is going, for whatever reason: its actors go with it.
  // CAF destroys an actor's state as the actor terminates.
  ~DirectoryState() {
    for (auto& entry : resident)
      caf::anon_send_exit(entry.second.actor, caf::exit_reason::user_shutdown);
  }
};

// Spawns the actor of `id` from `found` (none: a new one) and makes it
// resident. When the directory goes down, its actors go with it
// (~DirectoryState); when one fails, the directory drops it (drop_failed,
// by start_directory's down handler). Monitored, not linked: CAF keeps a
// link on both actors, in a list the directory's side searches from its
// head at each unlink, so each passivation cost a walk past every actor
// spawned after it (a third of the start's CPU after an intake of 300,000,
// and a sweep of N idle actors N^2/2 steps). A monitor is kept on the
// watched actor alone.
template <typename Kind, typename Self>
Result<typename Kind::handle> make_resident(Self* self, const std::string& id,
                                            std::optional<typename Kind::stored> found,
                                            bool reloaded) {
  auto& st = self->state;
  auto actor = Kind::spawn(self->system(), id, std::move(found), st.wiring, reloaded);
  if (actor) {
    self->monitor(*actor);
    st.resident.emplace(id, Resident<typename Kind::handle>{*actor, true});
  }
  return actor;
}

// Loads every id the queued messages name in one query, on the reader,
// then spawns their actors and hands each its messages in order. One load
// at a time: ids named meanwhile go out with the next.
template <typename Kind, typename Self>
void load_waiting(Self* self) {
  auto& st = self->state;
  st.load_scheduled = false;
  if (!st.loading.empty() || st.waiting.empty()) return;
  st.loading = std::move(st.waiting);
  st.waiting.clear();
  auto ids = std::make_shared<std::vector<std::string>>();
  ids->reserve(st.loading.size());
  for (const auto& entry : st.loading) ids->push_back(entry.first);
  using Stored = Result<std::map<std::string, typename Kind::stored>>;
  auto stored = std::make_shared<std::optional<Stored>>();
  read_journal(
      self, [ids, stored](Journal& journal) { stored->emplace(Kind::load(journal, *ids)); },
      [self, stored] {
        auto& dir = self->state;
        auto loaded = std::move(dir.loading);
        dir.loading.clear();
        for (auto& [id, waiters] : loaded) {
          if (!**stored) {
            const Error unavailable = make_error("store_unavailable", (*stored)->error().message);
            for (auto& w : waiters) w(unavailable);
            continue;
          }
          std::optional<typename Kind::stored> found;
          if (auto it = (**stored)->find(id); it != (**stored)->end()) {
            found = std::move(it->second);
          }
          const bool reloaded = dir.unsettled.erase(id) > 0;
          auto actor = make_resident<Kind>(self, id, std::move(found), reloaded);
          for (auto& w : waiters) w(actor);
        }
        if (!dir.waiting.empty() && !dir.load_scheduled) {
          dir.load_scheduled = true;
          self->send(self, load_atom::value);
        }
      },
      [self](const std::string& why) {
        // The directory fails with this (fault_reason.h, /readyz names
        // it); the requests that waited for the load hear why now rather
        // than nothing until their wait runs out.
        auto& dir = self->state;
        const Error down = make_error(
            "engine_unavailable", std::string("the ") + Kind::name + " directory failed: " + why);
        for (auto* queue : {&dir.loading, &dir.waiting}) {
          for (auto& entry : *queue)
            for (auto& w : entry.second) w(down);
          queue->clear();
        }
      });
}

// Hands `message` to the actor of `id`, which answers the requester itself.
template <typename Kind, typename Self, typename Message>
caf::typed_response_promise<typename Kind::reply> forward(Self* self, const std::string& id,
                                                          Message message) {
  auto promise = self->template make_response_promise<typename Kind::reply>();
  auto& st = self->state;
  if (auto it = st.resident.find(id); it != st.resident.end()) {
    it->second.used_since_sweep = true;
    // Delegated: the directory goes on with other ids at once.
    promise.delegate(it->second.actor, std::move(message));
    return promise;
  }
  // Not resident: wait for the next load, which takes every id named in the
  // meantime in one query (the load message queues behind what is already
  // in the mailbox, as the writer's flush does); or, being loaded, queue
  // behind the messages that named it first.
  auto loading = st.loading.find(id);
  auto& waiters = loading != st.loading.end() ? loading->second : st.waiting[id];
  waiters.push_back(
      [promise, message = std::move(message)](const Result<typename Kind::handle>& actor) mutable {
        if (!actor) {
          typename Kind::reply r;
          r.error = actor.error();
          promise.deliver(std::move(r));
        } else {
          promise.delegate(*actor, std::move(message));
        }
      });
  if (!st.load_scheduled && st.loading.empty()) {
    st.load_scheduled = true;
    self->send(self, load_atom::value);
  }
  return promise;
}

// The actor of `id` says its write's outcome is unknown: it is dropped
// and passivated. The passivation queues behind every message already
// handed to it, each of which it hands back; the next message for `id`
// loads the record as the store has it, and re-arms its timer. An actor
// passivated meanwhile (a sweep) is already gone: its next load re-arms
// too. One that is no longer the resident one changes nothing.
template <typename Self>
void drop_unsettled(Self* self, const std::string& id) {
  auto& st = self->state;
  auto it = st.resident.find(id);
  if (it == st.resident.end()) {
    st.unsettled.insert(id);
    return;
  }
  if (caf::actor_cast<caf::strong_actor_ptr>(it->second.actor) != self->current_sender()) return;
  passivate(self, st.resident, it);
  st.unsettled.insert(id);
  st.dropped_unsettled += 1;
}

// A resident actor failed: it is no longer resident, and its id is
// marked as one dropped unsettled, for it may have handed a write to the
// writer before it failed: its next message loads the record as the store
// has it, and the new actor re-arms its timer from that. The messages
// queued for it were answered with an error as it went (CAF bounces a
// mailbox's requests), which a caller sees as engine_unavailable. Before,
// the directory went down with it, and with the directory every record
// of its kind, until a restart. Found by a walk of the resident actors: a
// failure is a fault of the code, rare; a handle per resident actor kept
// the other way round would cost memory on every one.
template <typename Self>
void drop_failed(Self* self, const caf::actor_addr& source, const caf::error& reason) {
  auto& st = self->state;
  for (auto it = st.resident.begin(); it != st.resident.end(); ++it) {
    if (it->second.actor.address() != source) continue;
    const std::string id = it->first;
    st.resident.erase(it);
    st.unsettled.insert(id);
    st.failed += 1;
    if (st.told_failed) st.told_failed(st.name, id, self->system().render(reason));
    return;
  }
}

// Sets up a directory's state; with `idle_seconds` > 0 it sweeps by itself.
template <typename Kind, typename Self>
void start_directory(Self* self, std::unique_ptr<Journal> journal, typename Kind::wiring wiring,
                     int idle_seconds, ActorFailed told_failed) {
  auto& st = self->state;
  // Linked: the reader goes with the directory, and a reader that fails
  // takes the directory with it.
  st.reader = self->template spawn<caf::detached + caf::linked>(
      journal_reader, std::make_shared<std::unique_ptr<Journal>>(std::move(journal)));
  st.wiring = std::move(wiring);
  st.wiring.directory = self->address();
  st.idle_seconds = idle_seconds;
  st.told_failed = std::move(told_failed);
  self->set_exception_handler(fault_reason);
  // A passivated actor leaves normally; one that fails is dropped.
  self->set_down_handler([self](caf::down_msg& down) {
    if (down.reason != caf::exit_reason::normal) drop_failed(self, down.source, down.reason);
  });
  if (idle_seconds > 0) {
    self->delayed_send(self, std::chrono::seconds(idle_seconds), sweep_atom::value);
  }
}

}  // namespace xueji
