#include "engine/case/decider.h"

#include <algorithm>

#include "engine/case/command_handlers.h"
#include "engine/case/step_activation.h"
#include "engine/student/resident_id.h"

namespace xueji {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Everything a party name can resolve against when a case opens.
struct Parties {
  std::string student_school;
  std::string to_school;
  std::string household_county;
};

Result<std::string> resolve_party(const std::string& party, const Parties& p,
                                  const std::string& previous_org, const DecisionContext& ctx) {
  auto level_above = [&](const std::string& school, OrgLevel level) -> Result<std::string> {
    const Org* org = ctx.orgs.ancestor_at(school, level);
    if (org == nullptr) {
      return make_error("unknown_org", "no " + std::string(to_string(level)) + " above " + school +
                                           " to act as " + party);
    }
    return org->code;
  };
  const bool receiving = party.rfind("receiving_", 0) == 0;
  const std::string& school = receiving ? p.to_school : p.student_school;
  if (party == "superior") {
    const Org* sup = ctx.orgs.superior(previous_org);
    if (sup == nullptr) return make_error("unknown_org", previous_org + " has no superior");
    return sup->code;
  }
  if (party == "household_county") return p.household_county;
  if (party.find("school") != std::string::npos) return school;
  if (party.find("county") != std::string::npos) return level_above(school, OrgLevel::county);
  if (party.find("city") != std::string::npos) return level_above(school, OrgLevel::city);
  if (party.find("province") != std::string::npos) return level_above(school, OrgLevel::province);
  return make_error("unknown_party", "unknown party '" + party + "'");
}

Result<Events> open_case(const CaseState& state, const OpenCase& cmd, Instant now,
                         const DecisionContext& ctx) {
  if (state.status != CaseStatus::none) {
    return make_error("case_exists", "case '" + state.id + "' is already open");
  }
  Parties parties;
  std::string province;
  std::string subject;
  // The home province's overlay applies: the student's school's province, or
  // for a child the county of household registration's.
  if (cmd.student) {
    parties.student_school = cmd.student->school;
    subject = cmd.student->registration_number;
  }
  auto household = cmd.fields.find("household_county");
  if (household != cmd.fields.end()) parties.household_county = household->second;
  const std::string home = cmd.student ? parties.student_school : parties.household_county;
  if (!home.empty() && ctx.orgs.find(home) == nullptr) {
    return make_error("unknown_org", "unknown organisation '" + home + "'");
  }
  province = home.empty() ? std::string() : ctx.orgs.province_of(home);

  const CaseKindRules* rules = ctx.rules.find(cmd.kind, province);
  if (rules == nullptr) {
    std::string known;
    for (const auto& k : ctx.rules.kinds()) known += (known.empty() ? "" : ", ") + k;
    return make_error("unknown_kind",
                      "unknown case kind '" + cmd.kind + "' (known: " + known + ")");
  }
  if (rules->subject == CaseKindRules::Subject::student && !cmd.student) {
    return make_error("missing_field", "a " + cmd.kind + " case needs the student");
  }
  if (rules->subject == CaseKindRules::Subject::child) {
    if (cmd.student) {
      return make_error("rule_refused", "a " + cmd.kind +
                                            " is for a child with no registration "
                                            "yet; " +
                                            cmd.student->registration_number +
                                            " is registered at " + cmd.student->school + " (" +
                                            rules->article + ")");
    }
    auto id = validate_resident_id(cmd.child_resident_id, now.beijing_date());
    if (!id) return id.error();
    subject = cmd.child_resident_id;
  }

  for (const auto& field : rules->required_fields) {
    auto it = cmd.fields.find(field);
    if (it == cmd.fields.end() || it->second.empty()) {
      return make_error("missing_field", "a " + cmd.kind + " case needs '" + field + "'");
    }
  }
  auto to_school = cmd.fields.find("to_school");
  if (to_school != cmd.fields.end()) {
    parties.to_school = to_school->second;
    const Org* org = ctx.orgs.find(parties.to_school);
    if (org == nullptr || org->level != OrgLevel::school) {
      return make_error("invalid_field",
                        "to_school '" + parties.to_school + "' is not a known school");
    }
    if (parties.to_school == parties.student_school) {
      return make_error("invalid_field",
                        "to_school " + parties.to_school + " is the student's own school");
    }
  }
  if (!parties.household_county.empty()) {
    const Org* org = ctx.orgs.find(parties.household_county);
    if (org == nullptr || org->level != OrgLevel::county) {
      return make_error("invalid_field", "household_county '" + parties.household_county +
                                             "' is not a known county");
    }
  }

  // The initiator: "guardian" stands for the family, through the school or
  // the parents' app; any other initiator is an org resolved from its party.
  bool may_open = false;
  std::string opener = cmd.by;
  std::string expected;
  for (const auto& who : rules->initiators) {
    if (who == "guardian") {
      may_open |= cmd.by == "guardian";
      expected += (expected.empty() ? "" : " or ") + who;
      continue;
    }
    auto org = resolve_party(who, parties, "", ctx);
    if (!org) continue;
    may_open |= cmd.by == *org;
    expected += (expected.empty() ? "" : " or ") + who + " " + *org;
  }
  if (cmd.by.empty() && !rules->initiators.empty()) {
    // No opener named: the kind's first initiator opens (the rule author's
    // workbench reads better without repeating the obvious).
    const std::string& first = rules->initiators.front();
    auto org =
        first == "guardian" ? Result<std::string>(first) : resolve_party(first, parties, "", ctx);
    may_open = org.ok();
    opener = org.ok() ? *org : "";
  }
  if (!may_open) {
    return make_error("not_initiator",
                      "a " + cmd.kind + " is opened by " + expected + ", not '" + cmd.by + "'");
  }

  for (const auto& pre : rules->preconditions) {
    if (!cmd.student) break;
    const Student& s = *cmd.student;
    const bool status_ok = pre.student_status.empty() ||
                           std::find(pre.student_status.begin(), pre.student_status.end(),
                                     std::string(to_string(s.status))) != pre.student_status.end();
    const bool grade_ok =
        pre.min_grade == 0 || (s.grade >= pre.min_grade && s.grade <= pre.max_grade);
    if (!status_ok || !grade_ok) {
      std::string detail = status_ok ? "the student is in grade " + std::to_string(s.grade)
                                     : "the student is " + std::string(to_string(s.status));
      return make_error("rule_refused", pre.reason + ": " + detail +
                                            (pre.article.empty() ? "" : " (" + pre.article + ")"));
    }
  }

  int term_months = 0;
  if (rules->term) {
    term_months = rules->term->default_months;
    auto months = cmd.fields.find("months");
    if (months != cmd.fields.end()) {
      const std::string& text = months->second;
      const bool digits =
          !text.empty() && text.size() <= 3 &&
          std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
      term_months = digits ? std::stoi(text) : 0;
      if (term_months < 1 || term_months > rules->term->max_months) {
        return make_error("invalid_field", "months '" + text + "': a " + cmd.kind + " lasts 1 to " +
                                               std::to_string(rules->term->max_months) +
                                               " months (" + rules->article + ")");
      }
    }
  }

  const bool cross_province =
      !parties.to_school.empty() &&
      ctx.orgs.province_of(parties.to_school) != ctx.orgs.province_of(parties.student_school);
  CaseEvent opened = new_event(CaseEventType::opened, now);
  opened.kind = cmd.kind;
  opened.rule_version = ctx.rules.version();
  opened.province = province;
  opened.subject = subject;
  opened.by = opener;
  opened.fields = cmd.fields;
  opened.student_status = cmd.student ? std::string(to_string(cmd.student->status)) : "";
  std::string previous;
  for (const auto& rule : rules->steps) {
    if ((rule.when == StepCondition::cross_province && !cross_province) ||
        (rule.when == StepCondition::same_province && cross_province)) {
      continue;
    }
    auto org = resolve_party(rule.party, parties, previous, ctx);
    if (!org) return org.error();
    opened.plan.push_back(PlannedStep{rule.step, rule.party, *org, rule.deadline,
                                      rule.reminder_working_days_before, rule.follow_up,
                                      rule.article.empty() ? rules->article : rule.article});
    previous = *org;
  }
  if (opened.plan.empty()) {
    return make_error("rule_refused", "no step of " + cmd.kind + " applies to this case");
  }
  PlannedEffects& effects = opened.effects;
  effects.status_while_open = rules->status_while_open;
  effects.status_on_approval = rules->status_on_approval;
  effects.moves_school = !rules->move_to_field.empty();
  if (!rules->inform_on_approval.empty()) {
    auto org = resolve_party(rules->inform_on_approval, parties, opened.plan.back().org, ctx);
    if (!org) return org.error();
    effects.informed_org = *org;
  }
  if (rules->term) {
    auto org = resolve_party(rules->term->notify, parties, opened.plan.back().org, ctx);
    if (!org) return org.error();
    effects.term_org = *org;
    effects.term_months = term_months;
  }
  Events events{opened};
  events.push_back(activate_step(opened.plan.front(), now, ctx));
  return events;
}

StepState* mutable_step(CaseState& state, const std::string& name) {
  for (auto& s : state.steps) {
    if (s.plan.step == name) return &s;
  }
  return nullptr;
}

}  // namespace

Result<std::vector<CaseEvent>> decide(const CaseState& state, const CaseCommand& command,
                                      Instant now, const DecisionContext& context) {
  return std::visit(
      Overloaded{
          [&](const OpenCase& c) { return open_case(state, c, now, context); },
          [&](const DecideStep& c) { return decide_step(state, c, now, context); },
          [&](const WithdrawCase& c) { return withdraw_case(state, c, now); },
          [&](const DeadlineReached& c) { return deadline_reached(state, c, now, context); },
          [&](const ReminderDue& c) { return reminder_due(state, c, now); },
      },
      command);
}

CaseState evolve(CaseState state, const CaseEvent& e) {
  ++state.event_count;
  switch (e.type) {
    case CaseEventType::opened:
      state.status = CaseStatus::open;
      state.kind = e.kind;
      state.rule_version = e.rule_version;
      state.province = e.province;
      state.subject = e.subject;
      state.opened_by = e.by;
      state.fields = e.fields;
      state.opened_at = e.at;
      state.student_status_before = e.student_status;
      state.effects = e.effects;
      state.steps.clear();
      for (const auto& plan : e.plan) {
        StepState s;
        s.plan = plan;
        state.steps.push_back(std::move(s));
      }
      break;
    case CaseEventType::step_activated: {
      for (size_t i = 0; i < state.steps.size(); ++i) {
        if (state.steps[i].plan.step == e.step) state.active_step = static_cast<int>(i);
      }
      StepState& s = state.steps[static_cast<size_t>(state.active_step)];
      s.status = StepStatus::active;
      s.activated_at = e.at;
      s.due = e.due;
      s.provisional = e.provisional;
      s.reminder_at = e.reminder_at;
      s.holder = e.org;
      s.holder_due = e.due;
      s.holder_deadline = e.deadline;
      break;
    }
    case CaseEventType::reminded:
      if (StepState* s = mutable_step(state, e.step)) s->reminded = true;
      break;
    case CaseEventType::escalated:
      if (StepState* s = mutable_step(state, e.step)) {
        s->holder = e.to_org;
        s->holder_due = e.due;
        s->holder_deadline = e.deadline;
        s->escalated_to.push_back(e.to_org);
      }
      break;
    case CaseEventType::decided:
      if (StepState* s = mutable_step(state, e.step)) {
        s->status = e.decision == "approve" ? StepStatus::approved : StepStatus::rejected;
        s->decision = e.decision;
        s->decided_by = e.org;
        s->decided_at = e.at;
        s->holder_deadline.reset();
      }
      state.active_step = -1;
      break;
    case CaseEventType::completed:
      state.outcome = e.outcome;
      state.completed_at = e.at;
      for (auto& s : state.steps) {
        if (s.status == StepStatus::waiting || s.status == StepStatus::active) {
          s.status = StepStatus::cancelled;
          s.holder_deadline.reset();
        }
      }
      state.active_step = -1;
      state.term_ends = e.term_ends;
      state.status = e.term_ends ? CaseStatus::in_term : CaseStatus::closed;
      break;
    case CaseEventType::term_ended:
      state.status = CaseStatus::closed;
      break;
  }
  return state;
}

CaseState replay(const std::string& case_id, const std::vector<CaseEvent>& events) {
  CaseState state;
  state.id = case_id;
  for (const auto& e : events) state = evolve(std::move(state), e);
  return state;
}

}  // namespace xueji
