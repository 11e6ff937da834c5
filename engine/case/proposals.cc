#include "engine/case/proposals.h"

#include <algorithm>

#include "engine/student/record_fields.h"

namespace xueji {
namespace {

bool sets(const CaseKindRules& rules, const std::string& field) {
  return std::find(rules.sets_record.begin(), rules.sets_record.end(), field) !=
         rules.sets_record.end();
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Art. 7: repeating or skipping is one grade, inside the stage; moving up a
// stage (Art. 14: a handover moves the school) is the next grade, in the
// next stage.
Status check_grade_move(const CaseKindRules& rules, int from, int to) {
  const std::string move = "grade " + std::to_string(from) + " to " + std::to_string(to);
  const bool next_stage = stage_of_grade(from).ok() && stage_of_grade(to).ok() &&
                          *stage_of_grade(from) != *stage_of_grade(to);
  if (!rules.move_to_field.empty()) {
    if (to != from + 1 || !next_stage) {
      return make_error("rule_refused", "a " + rules.kind +
                                            " moves a student into the first grade of the next "
                                            "stage, not " +
                                            move + " (Art. 14)");
    }
    return Status();
  }
  if (to != from + 1 && to != from - 1) {
    return make_error("rule_refused",
                      "a " + rules.kind + " repeats or skips one grade, not " + move + " (Art. 7)");
  }
  if (next_stage) {
    return make_error("rule_refused", move +
                                          " changes the stage: moving up a stage is a "
                                          "stage_handover (Art. 14)");
  }
  return Status();
}

}  // namespace

Result<std::map<std::string, std::string>> check_proposals(const CaseKindRules& rules,
                                                           const OpenCase& cmd, Instant now,
                                                           bool assessed) {
  std::map<std::string, std::string> before;
  bool proposes = false;
  for (const auto& [field, value] : cmd.fields) {
    if (!is_record_field(field)) continue;
    if (!sets(rules, field)) {
      return make_error(
          "invalid_field",
          "a " + cmd.kind + " case does not change the record's '" + field + "'" +
              (rules.sets_record.empty() ? std::string()
                                         : " (it changes: " + listed(rules.sets_record) + ")"));
    }
    proposes = true;
  }
  if (rules.sets_record.empty()) return before;
  if (!proposes) {
    return make_error("missing_field", "a " + cmd.kind + " case proposes at least one of: " +
                                           listed(rules.sets_record));
  }
  if (!cmd.student) {
    return make_error("missing_field", "a " + cmd.kind + " case needs the student");
  }
  const Student& now_record = *cmd.student;
  Student changed = now_record;
  const Date today = now.beijing_date();
  for (const auto& field : rules.sets_record) {
    auto proposed = cmd.fields.find(field);
    if (proposed == cmd.fields.end()) continue;
    const std::string& value = proposed->second;
    auto allowed = rules.allowed_values.find(field);
    if (allowed != rules.allowed_values.end() &&
        std::find(allowed->second.begin(), allowed->second.end(), value) == allowed->second.end()) {
      return make_error("rule_refused", "a " + cmd.kind + " sets " + field + " to one of " +
                                            listed(allowed->second) + ", not '" + value + "' (" +
                                            rules.article + ")");
    }
    const std::string was = record_field(now_record, field);
    // Art. 20: a returning student may be placed in the grade they left in;
    // a kind that moves the student to another school places them there
    // (a stage handover by the assessment may keep the grade, Art. 14).
    const bool placement = field == "grade" && (rules.return_grade || !rules.move_to_field.empty());
    if (value == was && !placement) {
      return make_error("invalid_field",
                        "field '" + field + "': the record already holds '" + value + "'");
    }
    if (Status set = set_record_field(changed, field, value, today); !set) return set.error();
    before[field] = was;
  }
  // A return from abroad is placed by the province's rule (Art. 20,
  // checked by the decider with the receiving province's school year); a
  // special-education student's grade by the experts' assessment (Art. 14).
  if (before.count("grade") != 0 && !rules.return_grade && !assessed) {
    if (Status fits = check_grade_move(rules, now_record.grade, changed.grade); !fits) {
      return fits.error();
    }
  }
  // Art. 14: whether a student is a special-education student (随班就读 in
  // an ordinary school) is the expert committee's finding, not the school's.
  auto assessment = cmd.fields.find("assessment_ref");
  if (before.count("special_needs") != 0 &&
      (assessment == cmd.fields.end() || assessment->second.empty())) {
    return make_error("missing_field",
                      "a change of the special-needs mark (随班就读) needs "
                      "'assessment_ref', the expert committee's assessment it "
                      "rests on (Art. 14)");
  }
  if (before.count("status") != 0) {
    if (Status legal = check_status_change(now_record.status, changed.status); !legal) {
      return make_error("rule_refused", legal.error().message + " (" + rules.article + ")");
    }
  }
  // GB 11643: the ID, the birth date and the sex agree once changed (a
  // record that disagreed before is not held to it by a change of name).
  const bool identity = before.count("resident_id") != 0 || before.count("birth_date") != 0 ||
                        before.count("gender") != 0;
  if (Status agrees = check_record_agrees_with_id(changed, today); identity && !agrees) {
    return agrees.error();
  }
  return before;
}

}  // namespace xueji
