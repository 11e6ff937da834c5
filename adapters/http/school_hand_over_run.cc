#include "adapters/http/school_hand_over_run.h"

#include <optional>

#include "actors/submit_each.h"
#include "adapters/http/log_line.h"
#include "engine/org/org_change.h"
#include "engine/student/student_run.h"

namespace xueji::http {
namespace {

// As many hand-overs in flight as the termly checks' openings.
constexpr size_t kHandOverAtOnce = 64;

}  // namespace

Result<HandOverOutcome> run_school_hand_over(Runtime& engine, store::OrgChangeStore& changes,
                                             store::RunStore& runs,
                                             const store::StoredOrgChange& stored) {
  const OrgChange& change = stored.record.change;
  const std::shared_ptr<const Domain> data = engine.data();
  const std::optional<std::string> records_to = records_move_to(data->orgs, change);
  HandOverOutcome outcome;
  auto ids = changes.live_cases_naming(change.school);
  if (!ids) return ids.error();
  const HandOverSchool command{change.school, change.successor, records_to.value_or(""),
                               std::string(to_string(change.kind))};
  // Cases first: a case opened at the school goes on at its successor
  // whether its record has moved yet or not (the compare-and-set takes
  // either, student_effect.h), and a completion that writes the old
  // school meanwhile is moved with the other records below.
  // A few at a time, sharing the writer's group commits (submit_each.h),
  // not one commit's wait after another. The first failure is returned
  // once all have answered; those handed over stay so, and a call again
  // finds them not concerned.
  std::optional<Error> failed;
  submit_each(
      engine, ids->size(), kHandOverAtOnce,
      [&](size_t n) {
        return SubmittedCase{(*ids)[n], command, std::nullopt};
      },
      [&](size_t, const CaseReply& reply) {
        if (!reply.ok && reply.error.code == "not_concerned") return;
        if (!reply.ok) {
          if (!failed) failed = reply.error;
          return;
        }
        const bool ended =
            !reply.events.empty() && reply.events.back().type == CaseEventType::completed;
        ++(ended ? outcome.cases_superseded : outcome.cases_handed_over);
      });
  if (failed) return *failed;
  if (records_to) {
    auto moved = runs.run_to_end(school_records_run(change.school, *records_to, stored.record.at));
    if (!moved) return moved.error();
    outcome.records_moved = moved->after.changed;
  }
  if (!stored.finished_at) {
    if (Status done = changes.finish(stored.seq, data->clock->now()); !done) return done.error();
  }
  return outcome;
}

Result<size_t> finish_hand_overs(Runtime& engine, std::shared_ptr<store::ConnectionPool> pool,
                                 const std::vector<store::StoredOrgChange>& changes) {
  store::OrgChangeStore change_store(pool);
  store::RunStore runs(pool);
  size_t finished = 0;
  for (const auto& stored : changes) {
    if (stored.finished_at) continue;
    auto done = run_school_hand_over(engine, change_store, runs, stored);
    if (!done) return done.error();
    log_line(LogLevel::info, "hand-over finished at start",
             {{"school", stored.record.change.school},
              {"successor", stored.record.change.successor},
              {"cases", std::to_string(done->cases_handed_over)},
              {"records", std::to_string(done->records_moved)}});
    ++finished;
  }
  return finished;
}

}  // namespace xueji::http
