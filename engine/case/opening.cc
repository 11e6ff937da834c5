// Opening a case: the checks that may refuse it, in the order a caller meets
// their errors, then its plan (planning.h) and its first step's activation.

#include <algorithm>
#include <string>

#include "engine/case/command_handlers.h"
#include "engine/case/planning.h"
#include "engine/case/proposals.h"
#include "engine/case/reported_dates.h"
#include "engine/case/roster_fields.h"
#include "engine/case/special_education.h"
#include "engine/case/step_activation.h"
#include "engine/org/school_type.h"
#include "engine/student/resident_id.h"

namespace xueji {
namespace {

// The home province's overlay applies: the student's school's province (or
// the school's own, for a school's case), or for a child the county of
// household registration's; "" when none is named.
Result<std::string> home_province(const CaseParties& parties, const OrgTree& orgs) {
  const std::string home =
      !parties.student_school.empty() ? parties.student_school : parties.household_county;
  if (!home.empty() && orgs.find(home) == nullptr) {
    return make_error("unknown_org", "unknown organisation '" + home + "'");
  }
  return home.empty() ? std::string() : orgs.province_of(home);
}

// The rules `kind` runs on in `province`; unknown_kind names the known kinds.
Result<const CaseKindRules*> kind_rules(const std::string& kind, const std::string& province,
                                        const RuleSet& rule_set) {
  const CaseKindRules* rules = rule_set.find(kind, province);
  if (rules == nullptr) {
    std::string known;
    for (const auto& k : rule_set.kinds()) known += (known.empty() ? "" : ", ") + k;
    return make_error("unknown_kind", "unknown case kind '" + kind + "' (known: " + known + ")");
  }
  return rules;
}

// Whom the case is about: a registered student's registration number, for
// a kind about a child not registered yet the child's resident ID, for a
// school's own case (Art. 25) the school's code.
Result<std::string> subject_of(const CaseKindRules& rules, const OpenCase& cmd, Instant now) {
  if (rules.subject == CaseKindRules::Subject::school) {
    if (cmd.student || !cmd.child_resident_id.empty()) {
      return make_error("rule_refused", "a " + cmd.kind + " is about a school, not a student (" +
                                            rules.article + ")");
    }
    auto school = cmd.fields.find("school");
    if (school == cmd.fields.end() || school->second.empty()) {
      return make_error("missing_field", "a " + cmd.kind + " case needs 'school'");
    }
    return school->second;
  }
  if (rules.subject == CaseKindRules::Subject::student && !cmd.student) {
    return make_error("missing_field", "a " + cmd.kind + " case needs the student");
  }
  if (rules.subject == CaseKindRules::Subject::child) {
    if (cmd.student) {
      return make_error("rule_refused",
                        "a " + cmd.kind + " is for a child with no registration yet; " +
                            cmd.student->registration_number + " is registered at " +
                            cmd.student->school + " (" + rules.article + ")");
    }
    auto id = validate_resident_id(cmd.child_resident_id, now.beijing_date());
    if (!id) return id.error();
    return cmd.child_resident_id;
  }
  return cmd.student ? cmd.student->registration_number : std::string();
}

// The kind's required fields are given, and the school and county they name
// are orgs of that level (a school cannot transfer to itself).
Status check_fields(const CaseKindRules& rules, const OpenCase& cmd, const CaseParties& parties,
                    const OrgTree& orgs) {
  for (const auto& field : rules.required_fields) {
    auto it = cmd.fields.find(field);
    if (it == cmd.fields.end() || it->second.empty()) {
      return make_error("missing_field", "a " + cmd.kind + " case needs '" + field + "'");
    }
  }
  if (cmd.fields.count("to_school") != 0) {
    const Org* org = orgs.find(parties.to_school);
    if (org == nullptr || org->level != OrgLevel::school) {
      return make_error("invalid_field",
                        "to_school '" + parties.to_school + "' is not a known school");
    }
    if (org->closed()) {
      return make_error("org_closed", "to_school " + parties.to_school + " merged or closed; " +
                                          org->successor + " acts for it (Art. 12)");
    }
    // Art. 20: a record abroad is in its county's keeping, not its
    // school's, and the school it left may take it back.
    const bool kept_by_county = cmd.student && cmd.student->status == StudentStatus::abroad;
    if (parties.to_school == parties.student_school && !kept_by_county) {
      return make_error("invalid_field",
                        "to_school " + parties.to_school + " is the student's own school");
    }
  }
  auto school = cmd.fields.find("school");
  // Only a school's own case names a school: it would choose the parties.
  if (school != cmd.fields.end() && rules.subject != CaseKindRules::Subject::school) {
    return make_error("invalid_field", "a " + cmd.kind + " case takes no 'school' (" +
                                           "only a school's own case, a roster_check, names one)");
  }
  if (school != cmd.fields.end()) {
    const Org* org = orgs.find(school->second);
    if (org == nullptr || org->level != OrgLevel::school) {
      return make_error("invalid_field", "school '" + school->second + "' is not a known school");
    }
  }
  if (Status s = check_roster_fields(cmd.fields); !s) return s;
  if (!parties.household_county.empty()) {
    const Org* org = orgs.find(parties.household_county);
    if (org == nullptr || org->level != OrgLevel::county) {
      return make_error("invalid_field", "household_county '" + parties.household_county +
                                             "' is not a known county");
    }
  }
  return Status();
}

// The org (or "guardian") opening the case, refused unless it is one of the
// kind's initiators: "guardian" stands for the family, through the school or
// the parents' app; any other initiator is an org resolved from its party.
Result<std::string> initiator(const CaseKindRules& rules, const OpenCase& cmd,
                              const CaseParties& parties, const DecisionContext& ctx) {
  bool may_open = false;
  std::string opener = cmd.by;
  std::string expected;
  for (const auto& who : rules.initiators) {
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
  if (cmd.by.empty() && !rules.initiators.empty()) {
    // No opener named: the kind's first initiator opens (the rule author's
    // workbench reads better without repeating the obvious).
    const std::string& first = rules.initiators.front();
    auto org =
        first == "guardian" ? Result<std::string>(first) : resolve_party(first, parties, "", ctx);
    may_open = org.ok();
    opener = org.ok() ? *org : "";
  }
  if (!may_open) {
    return make_error("not_initiator",
                      "a " + cmd.kind + " is opened by " + expected + ", not '" + cmd.by + "'");
  }
  return opener;
}

// The kind's preconditions on the student's status and grade (a child has
// no record to check them on).
Status check_preconditions(const CaseKindRules& rules, const OpenCase& cmd) {
  if (!cmd.student) return Status();
  const Student& s = *cmd.student;
  for (const auto& pre : rules.preconditions) {
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
  return Status();
}

// The province's own preconditions, from its overlay's vocabulary: they
// only add refusals to the national ones (overlay_precondition.h).
Status check_added_preconditions(const CaseKindRules& rules, const OpenCase& cmd,
                                 const std::string& province, Instant now,
                                 const DecisionContext& ctx) {
  if (rules.added_preconditions.empty()) return Status();
  OpeningFacts facts;
  facts.today = now.beijing_date();
  facts.student = cmd.student ? &*cmd.student : nullptr;
  const Org* school = cmd.student ? ctx.orgs.find(cmd.student->school) : nullptr;
  if (school != nullptr && school->school_type)
    facts.school_grades = grades_of(*school->school_type);
  facts.school_year_start = ctx.rules.promotion_date(province);
  facts.fields = &cmd.fields;
  for (const auto& pre : rules.added_preconditions) {
    if (Status s = check_overlay_precondition(pre, facts); !s) return s;
  }
  return Status();
}

// The school a case places the student at: the receiving one, or (back
// from a specialised school, Art. 11; a change of grade) their own.
const std::string& school_entered(const CaseParties& parties, const OpenCase& cmd) {
  return parties.to_school.empty() ? cmd.student->school : parties.to_school;
}

// Art. 2: the grade the case places the student in, if it names one, is
// one the school they enter teaches (check_proposals read it as a grade).
Status check_grade_taught(const OpenCase& cmd, const CaseParties& parties, const OrgTree& orgs) {
  auto grade = cmd.fields.find("grade");
  if (grade == cmd.fields.end()) return Status();
  return check_grade_at_school(orgs, school_entered(parties, cmd), std::stoi(grade->second));
}

// Art. 20: a student back from abroad enters a grade the receiving school
// teaches (Art. 2), as the receiving province's rule places them (its
// overlay's return_grade, else the national one), on its school year. So
// does a student back from a specialised school at their own (Art. 11).
Status check_return_grade(const CaseKindRules& rules, const OpenCase& cmd,
                          const CaseParties& parties, Instant now, const DecisionContext& ctx) {
  if (!rules.return_grade || !cmd.student) return Status();
  auto grade = cmd.fields.find("grade");
  if (grade == cmd.fields.end()) return Status();  // check_fields refused it already
  const int placed = std::stoi(grade->second);     // check_proposals read it as a grade
  if (Status taught = check_grade_taught(cmd, parties, ctx.orgs); !taught) return taught;
  const std::string& school = school_entered(parties, cmd);
  const std::string province = ctx.orgs.province_of(school);
  const CaseKindRules* receiving = ctx.rules.find(cmd.kind, province);
  const ReturnPlacement& rule = receiving != nullptr && receiving->return_grade
                                    ? *receiving->return_grade
                                    : *rules.return_grade;
  return rule.check(placed, cmd.student->birth_date, now.beijing_date(),
                    ctx.rules.school_year(province));
}

// The months an approved case's term runs: the "months" field within the
// kind's bounds, else its default; 0 for a kind without a term.
Result<int> term_months(const CaseKindRules& rules, const OpenCase& cmd) {
  if (!rules.term) return 0;
  auto months = cmd.fields.find("months");
  if (months == cmd.fields.end()) return rules.term->default_months;
  const std::string& text = months->second;
  const bool digits =
      !text.empty() && text.size() <= 3 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int given = digits ? std::stoi(text) : 0;
  if (given < 1 || given > rules.term->max_months) {
    return make_error("invalid_field", "months '" + text + "': a " + cmd.kind + " lasts 1 to " +
                                           std::to_string(rules.term->max_months) + " months (" +
                                           rules.article + ")");
  }
  return given;
}

// Art. 11: a deferral is for a child of the entry age (6, or 7 where the
// province allows), counted on the province's cut-off day of this year's
// intake, the birth date read from the resident ID; a year older for each
// deferral that ran its year (应重新提出申请).
Status check_entry_age(const CaseKindRules& rules, const OpenCase& cmd, const std::string& province,
                       Instant now, const DecisionContext& ctx) {
  if (rules.subject != CaseKindRules::Subject::child) return Status();
  auto id = validate_resident_id(cmd.child_resident_id, now.beijing_date());
  if (!id) return id.error();
  return ctx.rules.school_year(province).entry_age.check(id->birth_date, now.beijing_date().year(),
                                                         cmd.deferred_years);
}

// The day the term counts from when not from the approval (PlannedEffects):
// a deferral's from this year's intake, so it ends at the next one (Art. 11:
// one school year); a renewal's from the end of the leave it renews (Art.
// 16: a renewal while on leave is a new leave, and the record is never left
// without one). A kind giving the status the student already has is a
// renewal, refused when the caller found no leave to renew.
Result<std::optional<Date>> term_from(const CaseKindRules& rules, const OpenCase& cmd,
                                      const std::string& province, Instant now,
                                      const DecisionContext& ctx) {
  if (!rules.term) return std::optional<Date>();
  if (rules.term->ends_at_intake) {
    if (cmd.fields.count("months") != 0) {
      return make_error("invalid_field", "months: a " + cmd.kind +
                                             " runs one school year, to the next intake (" +
                                             rules.article + ")");
    }
    return std::optional<Date>(
        ctx.rules.school_year(province).intake.in_year(now.beijing_date().year()));
  }
  const bool renewal = cmd.student && !rules.status_on_approval.empty() &&
                       rules.status_on_approval == to_string(cmd.student->status);
  if (!renewal) return std::optional<Date>();
  if (!cmd.renews_term_ends) {
    return make_error("rule_refused", "the student is " + rules.status_on_approval + " with no " +
                                          cmd.kind + " of theirs to renew (" + rules.article + ")");
  }
  return std::optional<Date>(cmd.renews_term_ends->beijing_date());
}

}  // namespace

Result<Events> open_case(const CaseState& state, const OpenCase& cmd, Instant now,
                         const DecisionContext& ctx) {
  if (state.status != CaseStatus::none) {
    return make_error("case_exists", "case '" + state.id + "' is already open");
  }
  CaseParties parties = named_parties(cmd);
  auto province = home_province(parties, ctx.orgs);
  if (!province) return province.error();
  auto found = kind_rules(cmd.kind, *province, ctx.rules);
  if (!found) return found.error();
  const CaseKindRules& rules = **found;
  auto subject = subject_of(rules, cmd, now);
  if (!subject) return subject.error();
  if (Status s = check_fields(rules, cmd, parties, ctx.orgs); !s) return s.error();
  if (Status s = check_reported_dates(cmd, now.beijing_date()); !s) return s.error();
  auto opener = initiator(rules, cmd, parties, ctx);
  if (!opener) return opener.error();
  if (Status s = check_preconditions(rules, cmd); !s) return s.error();
  if (Status s = check_added_preconditions(rules, cmd, *province, now, ctx); !s) return s.error();
  if (Status s = check_entry_age(rules, cmd, *province, now, ctx); !s) return s.error();
  auto assessed = special_education_variant(rules, cmd, ctx.orgs);
  if (!assessed) return assessed.error();
  auto record_before = check_proposals(rules, cmd, now, *assessed);
  if (!record_before) return record_before.error();
  if (*assessed) {
    // Art. 14: an assessed grade is any the school they enter teaches.
    if (Status taught = check_grade_taught(cmd, parties, ctx.orgs); !taught) return taught.error();
  }
  if (Status s = check_return_grade(rules, cmd, parties, now, ctx); !s) return s.error();
  auto months = term_months(rules, cmd);
  if (!months) return months.error();
  parties.assessed = *assessed;  // Art. 14: the superior approves
  auto plan = plan_steps(rules, cmd.kind, parties, ctx);
  if (!plan) return plan.error();
  auto effects = plan_effects(rules, parties, plan->back().org, *months, ctx);
  if (!effects) return effects.error();
  auto counted_from = term_from(rules, cmd, *province, now, ctx);
  if (!counted_from) return counted_from.error();
  effects->term_from = *counted_from;

  CaseEvent opened = new_event(CaseEventType::opened, now);
  opened.kind = cmd.kind;
  opened.rule_version = ctx.rules.version();
  opened.province = *province;
  opened.subject = *subject;
  opened.by = *opener;
  opened.fields = cmd.fields;
  // The leave a renewal continues, for whoever reads the case (Art. 16).
  if (effects->term_from && !cmd.renews_case.empty()) opened.fields["renews"] = cmd.renews_case;
  opened.student_status = cmd.student ? std::string(to_string(cmd.student->status)) : "";
  // The school the case's parties were chosen by: the completion changes
  // the record only while the student is still there (student_effect.h).
  opened.school = cmd.student ? cmd.student->school : "";
  opened.record = std::move(*record_before);
  opened.plan = std::move(*plan);
  opened.effects = std::move(*effects);
  // An owed step's period counts from when it was owed (cmd.since), a
  // death's from the day the school learned of it (Art. 21: counts_from);
  // the event itself happens now, and a reminder day already begun is
  // dropped.
  const std::optional<Instant> since = cmd.since ? cmd.since : first_period_from(rules, cmd);
  const Instant from = since && *since < now ? *since : now;
  CaseEvent first = activate_step(opened.plan.front(), from, ctx);
  first.at = now;
  if (first.reminder_at && *first.reminder_at <= now) first.reminder_at.reset();
  return Events{opened, first};
}

}  // namespace xueji
