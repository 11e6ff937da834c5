#include "adapters/http/case_routes.h"

#include <nlohmann/json.hpp>

#include "adapters/http/archive_steps.h"
#include "adapters/http/case_ids.h"
#include "adapters/http/case_json.h"
#include "adapters/http/json_body.h"
#include "adapters/http/json_text.h"
#include "adapters/http/problem.h"
#include "adapters/http/progress_code.h"
#include "adapters/http/progress_routes.h"
#include "engine/account/capability.h"
#include "engine/account/jurisdiction.h"
#include "engine/case/deferral_history.h"
#include "engine/case/leave_follow_up.h"
#include "engine/case/opening_fields.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// The answer to an opening: the case with its events and, for the family,
// its progress code (Art. 15).
std::string opened_text(const CaseState& after, const std::vector<CaseEvent>& events,
                        const std::string& progress_code) {
  auto members = case_members(after, &events);
  append_json_string(members["progress_code"], progress_code);
  return json_object_text(members);
}

std::string case_text(const CaseState& c, const std::vector<CaseEvent>* history) {
  return json_object_text(case_members(c, history));
}

// With an Idempotency-Key, the answer is rendered by the case actor from
// the outcome and committed in the same transaction as the transition. An
// opening's answer carries its progress code, so a retry gets the same
// code: the recorded answer is the one place the code itself is kept.
std::shared_ptr<const AnswerRecipe> recipe_for(const Context& ctx, int status, bool with_events,
                                               const std::string& progress_code = "") {
  if (ctx.idempotency_key.empty()) return nullptr;
  auto recipe = std::make_shared<AnswerRecipe>();
  recipe->key = ctx.idempotency_key;
  recipe->status = status;
  recipe->content_type = "application/json";
  recipe->render = [with_events, progress_code](const CaseState& after,
                                                const std::vector<CaseEvent>& events) {
    if (!progress_code.empty()) return opened_text(after, events, progress_code);
    return case_text(after, with_events ? &events : nullptr);
  };
  return recipe;
}

// A command that committed carried the request's audit entry and, with an
// Idempotency-Key, its answer (recipe_for): neither is written again.
void recorded_with_change(Context& ctx) {
  ctx.recorded = true;
  ctx.answer_recorded = !ctx.idempotency_key.empty();
}

// What the caller may know of case `id`: "unknown_case" for one never
// opened (none stored, or a case actor's empty state), else the
// jurisdiction's refusal, if any.
Status may_read(Services& s, const std::string& id, const CaseState* state, const Context& ctx) {
  if (state == nullptr || state->event_count == 0) {
    return make_error("unknown_case", "no case '" + id + "'");
  }
  return may_read_case(*ctx.account, *state, s.engine.data()->orgs);
}

}  // namespace

Result<CaseState> readable_case(Services& s, const std::string& id, const Context& ctx) {
  auto loaded = s.stores.reads.load_case(id);
  if (!loaded) return loaded.error();
  if (Status may = may_read(s, id, *loaded ? &**loaded : nullptr, ctx); !may) return may.error();
  return std::move(**loaded);
}

namespace {

// readable_case with the events the state folded, read with it in one
// statement so the two agree.
Result<store::StoredCase> readable_stored_case(Services& s, const std::string& id,
                                               const Context& ctx) {
  auto loaded = s.stores.reads.load_case_with_events(id);
  if (!loaded) return loaded.error();
  if (Status may = may_read(s, id, *loaded ? &(*loaded)->state : nullptr, ctx); !may) {
    return may.error();
  }
  return std::move(**loaded);
}

// The school years a child was deferred already (deferral_history.h).
Result<int> deferred_years_of(Services& s, const std::string& child) {
  auto cases = s.stores.reads.case_states_of(child);
  if (!cases) return cases.error();
  return deferred_school_years(*cases);
}

// The student's leave in its term or in its end-of-term review, which a new
// leave renews (engine/case/leave_follow_up.h).
Result<std::optional<RenewedLeave>> current_leave(Services& s, const std::string& number) {
  auto cases = s.stores.reads.case_states_of(number);
  if (!cases) return cases.error();
  return leave_to_renew(*cases);
}

// What an opening has read from its request, carried to where its subject
// is known.
struct Opening {
  OpenCase command;
  bool names_opener = false;  // the request gave `by`
};

// The rest of an opening once its subject is known: who may open it for
// whom, then the engine. Reads nothing from the store.
void open_known(Services& s, std::shared_ptr<Context> shared, Opening opening, Answer answer) {
  Context& ctx = *shared;
  OpenCase& command = opening.command;
  const std::string subject_org = command.student ? command.student->school
                                  : command.fields.count("household_county") != 0
                                      ? command.fields.at("household_county")
                                      : std::string();
  // A system account above the school that names no opener files for the
  // student's school (Art. 21: the school reports, whoever learned first).
  if (!opening.names_opener && ctx.account->kind == AccountKind::system && command.student &&
      subject_org != ctx.account->org) {
    command.by = subject_org;
  }
  if (Status may = may_act_for(*ctx.account, command.by, subject_org, s.engine.data()->orgs);
      !may) {
    return answer(from_error(may.error()));
  }
  const std::string id = new_case_id();
  ctx.target = "case:" + id;
  // Art. 15: the family's code, its hash committed with the opening.
  const std::string code = new_progress_code();
  RecordWrites records;
  records.progress_codes.push_back(ProgressCode{id, progress_code_hash(code)});
  s.engine.open_new_async(
      id, std::move(command), recipe_for(ctx, 201, true, code), ctx.entry(), std::move(records),
      [shared, code, answer = std::move(answer)](CaseReply reply) {
        if (!reply.ok) return answer(from_error(reply.error));
        recorded_with_change(*shared);
        answer(json_text_response(201, opened_text(reply.state, reply.events, code)));
      });
}

// An opening for a registered student, its record looked up: what else the
// Measures ask of the store for it, then open_known. Runs where it may
// block.
void open_for_student(Services& s, std::shared_ptr<Context> shared, Opening opening,
                      const std::string& number, Result<std::optional<Student>> found,
                      Answer answer) {
  if (!found) return answer(from_error(found.error()));
  if (!*found) return answer(problem(404, "unknown_student", "no registration '" + number + "'"));
  OpenCase& command = opening.command;
  command.student = std::move(**found);
  // Art. 16: a leave for a student on leave renews their current leave.
  if (command.student->status == StudentStatus::on_leave) {
    auto renewed = current_leave(s, command.student->registration_number);
    if (!renewed) return answer(from_error(renewed.error()));
    if (*renewed) {
      command.renews_case = (*renewed)->case_id;
      command.renews_term_ends = (*renewed)->term_ends;
    }
  }
  // Art. 9: a corrected resident ID must not be another live registration's.
  auto new_id = command.fields.find("resident_id");
  if (new_id != command.fields.end()) {
    auto holder = s.stores.reads.find_live_student(new_id->second);
    if (!holder) return answer(from_error(holder.error()));
    if (*holder) {
      return answer(problem(409, "duplicate_registration",
                            "resident ID " + new_id->second + " is registered as " +
                                (*holder)->registration_number + " at school " +
                                (*holder)->school));
    }
  }
  open_known(s, std::move(shared), std::move(opening), std::move(answer));
}

// An opening for a child not yet registered (an enrolment, a deferral):
// its checks read the store. Runs where it may block.
void open_for_child(Services& s, std::shared_ptr<Context> shared, Opening opening,
                    const std::string& child, Answer answer) {
  auto registered = s.stores.reads.find_live_student(child);
  if (!registered) return answer(from_error(registered.error()));
  if (*registered) {
    return answer(problem(422, "rule_refused",
                          "the child " + child + " is already registered as " +
                              (*registered)->registration_number + " at " + (*registered)->school));
  }
  opening.command.child_resident_id = child;
  // Art. 11: a deferral applied for again after one ran its year.
  auto deferred = deferred_years_of(s, child);
  if (!deferred) return answer(from_error(deferred.error()));
  opening.command.deferred_years = *deferred;
  open_known(s, std::move(shared), std::move(opening), std::move(answer));
}

}  // namespace

// Reads the request where it was read and blocks nowhere (kNeverWaits): the
// student's record comes from a lookup shared with the openings made at
// the same time, and whatever else must be read is read on a follow-up
// thread, which then hands the command to the engine.
void open_case(Services& s, const Request& r, std::shared_ptr<Context> shared, Answer answer) {
  Context& ctx = *shared;
  auto body = parse_object(r);
  if (!body) return answer(from_error(body.error()));
  auto kind = string_field(*body, "kind");
  if (!kind) return answer(from_error(kind.error()));
  Opening opening;
  OpenCase& command = opening.command;
  command.kind = *kind;
  auto by = string_field(*body, "by", false);
  if (!by) return answer(from_error(by.error()));
  // An account opens cases for its own org (or a family's, "guardian").
  opening.names_opener = !by->empty();
  command.by = by->empty() ? ctx.account->org : *by;
  // Issue 18: an account limited to named actions opens only the kinds it
  // names (the parents' app: for the family only), refused before anything
  // is looked up or changed.
  if (Status may = may_open(*ctx.account, *kind, command.by); !may) {
    return answer(from_error(may.error()));
  }
  // The kind's rules say which of them it takes.
  for (const std::string& field : opening_field_names()) {
    if (!body->contains(field)) continue;
    const json& v = (*body)[field];
    if (v.is_string()) {
      command.fields[field] = v.get<std::string>();
    } else if (v.is_number_integer()) {
      command.fields[field] = std::to_string(v.get<long long>());
    } else if (v.is_boolean()) {
      command.fields[field] = v.get<bool>() ? "true" : "false";  // the special-needs mark
    } else {
      return answer(problem(422, "invalid_field", "field '" + field + "' has the wrong type"));
    }
  }
  auto student = string_field(*body, "student", false);
  auto child = string_field(*body, "child", false);
  if (!student) return answer(from_error(student.error()));
  if (!child) return answer(from_error(child.error()));
  if (student->empty() == child->empty()) {
    return answer(
        problem(400, "missing_field",
                "give either 'student' (a registration number) or 'child' (a resident ID)"));
  }
  if (!student->empty()) {
    // A retired L number names the record of its G number (Art. 8).
    s.stores.reads.find_record_async(
        *student,
        [&s, shared, opening = std::move(opening), number = *student,
         answer = std::move(answer)](Result<std::optional<Student>> found) mutable {
          open_for_student(s, std::move(shared), std::move(opening), number, std::move(found),
                           std::move(answer));
        },
        s.follow_up);
    return;
  }
  s.follow_up([&s, shared, opening = std::move(opening), child = *child,
               answer = std::move(answer)]() mutable {
    open_for_child(s, std::move(shared), std::move(opening), child, std::move(answer));
  });
}

Response get_case(Services& s, const Request&, Context& ctx) {
  const std::string& id = ctx.args[0];
  auto stored = readable_stored_case(s, id, ctx);
  if (!stored) return from_error(stored.error());
  return json_text_response(200, case_text(stored->state, &stored->events));
}

void decide(Services& s, const Request& r, std::shared_ptr<Context> shared, Answer answer) {
  Context& ctx = *shared;
  const std::string& id = ctx.args[0];
  auto body = parse_object(r);
  if (!body) return answer(from_error(body.error()));
  auto step = string_field(*body, "step");
  auto decision = string_field(*body, "decision");
  auto by = string_field(*body, "by", false);
  auto note = string_field(*body, "note", false);
  for (const auto* f : {&step, &decision, &by, &note}) {
    if (!*f) return answer(from_error(f->error()));
  }
  // The account decides for its own org; a `by` naming another is refused.
  if (!by->empty() && *by != ctx.account->org) {
    return answer(problem(403, "out_of_jurisdiction",
                          "account '" + ctx.account->name + "' of org " + ctx.account->org +
                              " cannot decide on behalf of org " + *by));
  }
  // Checked by the case on the state it decides on, as readable_case
  // would on the stored one: no read of the store first.
  auto admit = [&s, id, step = *step, shared](const CaseState& state) -> Status {
    if (Status may = may_read(s, id, &state, *shared); !may) return may;
    return may_act_on_step(*shared->account, state, step);
  };
  s.engine.request_async(
      id, DecideStep{*step, ctx.account->org, *decision, *note}, recipe_for(ctx, 200, false),
      ctx.entry(), {},
      [&s, shared, answer = std::move(answer)](CaseReply reply) {
        if (!reply.ok) return answer(from_error(reply.error));
        recorded_with_change(*shared);
        Response decided = json_text_response(200, case_text(reply.state, nullptr));
        // Art. 7: an approved change of school or of the record's fields
        // gives the school a month to update the archive: the duty
        // committed with the approval (actors/port/transition.cc), its case
        // opened now, off the engine's thread (it waits on the engine).
        auto duty = archive_duty_of(reply.state);
        if (!duty) return answer(std::move(decided));
        s.follow_up([&s, shared, answer, duty = *duty, decided = std::move(decided)]() mutable {
          follow_with_archive_step(
              s, duty, *shared,
              [answer, decided = std::move(decided)]() mutable { answer(std::move(decided)); });
        });
      },
      std::move(admit));
}

void withdraw(Services& s, const Request& r, std::shared_ptr<Context> shared, Answer answer) {
  Context& ctx = *shared;
  const std::string& id = ctx.args[0];
  auto body = parse_object(r);
  if (!body) return answer(from_error(body.error()));
  auto by = string_field(*body, "by", false);
  if (!by) return answer(from_error(by.error()));
  const std::string on_behalf_of = by->empty() ? ctx.account->org : *by;
  // Checked by the case on the state it decides on (see decide).
  auto admit = [&s, id, on_behalf_of, shared](const CaseState& state) -> Status {
    if (Status may = may_read(s, id, &state, *shared); !may) return may;
    // For a family's case, the org the case began at stands for the family.
    const std::string subject_org = state.steps.empty() ? std::string() : state.steps[0].plan.org;
    return may_act_for(*shared->account, on_behalf_of, subject_org, s.engine.data()->orgs);
  };
  s.engine.request_async(
      id, WithdrawCase{on_behalf_of}, recipe_for(ctx, 200, false), ctx.entry(), {},
      [shared, answer = std::move(answer)](CaseReply reply) {
        if (!reply.ok) return answer(from_error(reply.error));
        recorded_with_change(*shared);
        answer(json_text_response(200, case_text(reply.state, nullptr)));
      },
      std::move(admit));
}

// Art. 15: the family's view, for an account that may read the case.
Response progress(Services& s, const Request&, Context& ctx) {
  auto stored = readable_stored_case(s, ctx.args[0], ctx);
  if (!stored) return from_error(stored.error());
  auto view = progress_view(s, *stored);
  if (!view) return from_error(view.error());
  return json_response(200, *view);
}

}  // namespace xueji::http
