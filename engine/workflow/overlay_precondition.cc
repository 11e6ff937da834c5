// Checking an overlay's preconditions when a case opens
// (overlay_precondition.h): each predicate on the facts the decider
// gathered, a refusal naming what was found and where the rule comes from.

#include "engine/workflow/overlay_precondition.h"

#include <algorithm>

namespace xueji {
namespace {

Date in_year(PromotionDate day, int year) {
  return Date::from_ymd(year, day.month, day.day).value();  // no 29 February: always valid
}

std::string default_reason(const OverlayPrecondition& pre) {
  using Name = OverlayPrecondition::Name;
  switch (pre.name) {
    case Name::not_in_final_term_of_graduating_grade:
      return "not in the last term of the graduating grade";
    case Name::not_within_days_of_term_end:
      return "not within " + std::to_string(pre.days) + " days of a term's end";
    case Name::grade_in:
      return "only for some grades";
    case Name::requires_fields:
      return "the province requires more fields";
  }
  return "";
}

// "6, 9, 12": a rule's grades as a refusal and `workflows show` write them.
std::string listed(const std::vector<int>& grades) {
  std::string out;
  for (int g : grades) out += (out.empty() ? "" : ", ") + std::to_string(g);
  return out;
}

Status refuse(const OverlayPrecondition& pre, const std::string& found) {
  const std::string reason = pre.reason.empty() ? default_reason(pre) : pre.reason;
  return make_error("rule_refused", reason + ": " + found + " (precondition " +
                                        std::string(to_string(pre.name)) + " of " + pre.province +
                                        ", " + pre.file + ":" + std::to_string(pre.line) + ", " +
                                        pre.article + ")");
}

// Grade 6, 9 or 12 ends a stage; the student graduates from it unless the
// school teaches the next stage too (a nine-year school's grade 6, Art. 7).
bool graduating(int grade, const std::optional<GradeRange>& school) {
  const bool ends_stage = grade == 6 || grade == 9 || grade == 12;
  return ends_stage && !(school && school->contains(grade + 1));
}

Status final_term(const OverlayPrecondition& pre, const OpeningFacts& facts) {
  if (facts.student == nullptr) return Status();  // the loader refuses it for a child's kind
  const int grade = facts.student->grade;
  if (!graduating(grade, facts.school_grades)) return Status();
  const int year = facts.today.year();
  const Date from = in_year(pre.spring_term_from, year);
  const Date last = in_year(facts.school_year_start, year).plus_days(-1);
  if (facts.today < from || facts.today > last) return Status();
  return refuse(pre, "grade " + std::to_string(grade) + " ends its stage at " +
                         facts.student->school + " and " + facts.today.to_string() +
                         " is in its last term (" + from.to_string() + " to " + last.to_string() +
                         ")");
}

Status term_end(const OverlayPrecondition& pre, const OpeningFacts& facts) {
  std::vector<PromotionDate> ends = pre.term_ends;
  // The school year's last day: the day before the promotion (never 1
  // January: the promotion falls in August or September).
  const PromotionDate start = facts.school_year_start;
  const Date year_end = in_year(start, 2001).plus_days(-1);
  ends.push_back(PromotionDate{year_end.month(), year_end.day()});
  const int year = facts.today.year();
  for (const PromotionDate& end : ends) {
    for (int y : {year, year + 1}) {
      const Date last = in_year(end, y);
      const int away = last.days() - facts.today.days();
      if (away >= 0 && away < pre.days) {
        return refuse(pre, facts.today.to_string() + " is " + std::to_string(away) +
                               " days before the term's last day " + last.to_string());
      }
    }
  }
  return Status();
}

Status grade_in(const OverlayPrecondition& pre, const OpeningFacts& facts) {
  if (facts.student == nullptr) return Status();  // the loader refuses it for a child's kind
  const int grade = facts.student->grade;
  if (std::find(pre.grades.begin(), pre.grades.end(), grade) != pre.grades.end()) return Status();
  return refuse(pre, "the student is in grade " + std::to_string(grade) + ", not one of " +
                         listed(pre.grades));
}

Status required_fields(const OverlayPrecondition& pre, const OpeningFacts& facts) {
  for (const std::string& field : pre.fields) {
    const bool given = facts.fields != nullptr && facts.fields->count(field) != 0 &&
                       !facts.fields->at(field).empty();
    if (!given) return refuse(pre, "the opening has no '" + field + "'");
  }
  return Status();
}

}  // namespace

std::string_view to_string(OverlayPrecondition::Name name) {
  return overlay_precondition_names()[static_cast<size_t>(name)];
}

const std::vector<std::string>& overlay_precondition_names() {
  static const std::vector<std::string> names = {"not_in_final_term_of_graduating_grade",
                                                 "not_within_days_of_term_end", "grade_in",
                                                 "requires_fields"};
  return names;
}

const std::vector<std::string>& overlay_field_names() {
  static const std::vector<std::string> names = {"reason_code", "evidence_ref"};
  return names;
}

std::string describe_parameters(const OverlayPrecondition& pre) {
  using Name = OverlayPrecondition::Name;
  std::string out;
  switch (pre.name) {
    case Name::not_in_final_term_of_graduating_grade:
      return "last term from " + pre.spring_term_from.to_string() + " to the school year's end";
    case Name::not_within_days_of_term_end:
      for (const auto& end : pre.term_ends) out += end.to_string() + ", ";
      return "the last " + std::to_string(pre.days) + " days of a term ending " + out +
             "or at the school year's end";
    case Name::grade_in:
      return "grades " + listed(pre.grades);
    case Name::requires_fields:
      for (const auto& f : pre.fields) out += (out.empty() ? "" : ", ") + f;
      return "fields " + out;
  }
  return out;
}

Status check_overlay_precondition(const OverlayPrecondition& pre, const OpeningFacts& facts) {
  using Name = OverlayPrecondition::Name;
  switch (pre.name) {
    case Name::not_in_final_term_of_graduating_grade:
      return final_term(pre, facts);
    case Name::not_within_days_of_term_end:
      return term_end(pre, facts);
    case Name::grade_in:
      return grade_in(pre, facts);
    case Name::requires_fields:
      return required_fields(pre, facts);
  }
  return Status();
}

}  // namespace xueji
