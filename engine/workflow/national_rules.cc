// A kind's national file: everything about the kind except what an overlay
// may change, which is its steps and its term's bounds.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/case/opening_fields.h"
#include "engine/case/reported_dates.h"
#include "engine/student/record_fields.h"
#include "engine/student/student.h"
#include "engine/workflow/rule_files.h"
#include "engine/workflow/step_reader.h"

namespace xueji {
namespace {

std::vector<std::string> read_list(const YamlSource& yaml, const YAML::Node& node,
                                   const std::string& what) {
  if (!node.IsSequence()) yaml.fail(node, what + " must be a list");
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(yaml.scalar(item, what + " entry"));
  return out;
}

std::string read_status(const YamlSource& yaml, const YAML::Node& node, const std::string& what) {
  const std::string status = yaml.scalar(node, what);
  if (!parse_student_status(status)) yaml.fail(node, "unknown student status '" + status + "'");
  return status;
}

CaseKindRules::Subject read_subject(const YamlSource& yaml, const YAML::Node& node) {
  const std::string subject = yaml.scalar(node, "'subject'");
  if (subject == "student") return CaseKindRules::Subject::student;
  if (subject == "child") return CaseKindRules::Subject::child;
  if (subject == "school") return CaseKindRules::Subject::school;
  yaml.fail(node, "'subject' must be student, child or school, not '" + subject + "'");
}

std::vector<std::string> read_initiators(const YamlSource& yaml, const YAML::Node& initiators) {
  if (!initiators.IsSequence() || initiators.size() == 0) {
    yaml.fail(initiators, "'initiators' must be a non-empty list");
  }
  std::vector<std::string> out;
  for (const auto& item : initiators) {
    const std::string who = yaml.scalar(item, "an initiator");
    if (who != "guardian") read_party(yaml, item, "an initiator");
    if (who == "superior") yaml.fail(item, "'superior' cannot open a case");
    out.push_back(who);
  }
  return out;
}

std::vector<std::string> read_fields(const YamlSource& yaml, const YAML::Node& fields) {
  std::vector<std::string> out = read_list(yaml, fields, "'fields'");
  for (size_t i = 0; i < out.size(); ++i) {
    if (!is_opening_field(out[i])) {
      yaml.fail(fields[i],
                "unknown field '" + out[i] + "' (known: " + listed_opening_fields() + ")");
    }
  }
  return out;
}

// The field the first step counts from: a reported date the kind requires
// (a death's learned_on, Art. 21), so every case has it.
std::string read_counts_from(const YamlSource& yaml, const YAML::Node& node,
                             const CaseKindRules& rules) {
  const std::string field = yaml.scalar(node, "'counts_from'");
  if (!is_reported_date(field)) {
    yaml.fail(node, "'counts_from' must name a reported date (date_of_death, learned_on), not '" +
                        field + "'");
  }
  const auto& required = rules.required_fields;
  if (std::find(required.begin(), required.end(), field) == required.end()) {
    yaml.fail(node, "'counts_from' names '" + field + "', which is not among the kind's 'fields'");
  }
  return field;
}

Precondition read_precondition(const YamlSource& yaml, const YAML::Node& node) {
  yaml.expect_map(node, "a precondition", {"student_status", "grade", "reason", "article"});
  Precondition p;
  if (node["student_status"]) {
    if (!node["student_status"].IsSequence()) {
      yaml.fail(node["student_status"], "'student_status' must be a list");
    }
    for (const auto& item : node["student_status"]) {
      p.student_status.push_back(read_status(yaml, item, "a status"));
    }
  }
  if (node["grade"]) {
    const YAML::Node g = node["grade"];
    yaml.expect_map(g, "'grade'", {"min", "max"});
    p.min_grade = static_cast<int>(yaml.integer(yaml.require(g, "min"), "grade min", 1, 12));
    p.max_grade = static_cast<int>(yaml.integer(yaml.require(g, "max"), "grade max", 1, 12));
    if (p.max_grade < p.min_grade) yaml.fail(g, "grade max is below min");
  }
  p.reason = yaml.required_string(node, "reason");
  if (node["article"]) p.article = yaml.scalar(node["article"], "'article'");
  return p;
}

void read_on_approval(const YamlSource& yaml, const YAML::Node& a, CaseKindRules& rules) {
  yaml.expect_map(a, "'on_approval'", {"status", "move_to", "inform", "set", "values"});
  if (a["set"]) {
    rules.sets_record = read_list(yaml, a["set"], "'set'");
    for (size_t i = 0; i < rules.sets_record.size(); ++i) {
      if (!is_record_field(rules.sets_record[i])) {
        yaml.fail(a["set"][i], "'set' names '" + rules.sets_record[i] +
                                   "', not a record field (name, resident_id, birth_date, "
                                   "gender, grade, status)");
      }
    }
  }
  if (a["values"]) {
    const YAML::Node values = a["values"];
    if (!values.IsMap()) yaml.fail(values, "'values' must map a field to its allowed values");
    for (const auto& entry : values) {
      const std::string field = yaml.scalar(entry.first, "a field of 'values'");
      if (std::find(rules.sets_record.begin(), rules.sets_record.end(), field) ==
          rules.sets_record.end()) {
        yaml.fail(entry.first, "'values' names '" + field + "', which 'set' does not list");
      }
      auto allowed = read_list(yaml, entry.second, "'values' of " + field);
      if (field == "status") {
        for (size_t i = 0; i < allowed.size(); ++i) read_status(yaml, entry.second[i], "a status");
      }
      rules.allowed_values[field] = std::move(allowed);
    }
  }
  if (a["status"] && a["values"] && a["values"]["status"]) {
    yaml.fail(a["status"],
              "'status' and a proposed status ('values' of status) exclude each other");
  }
  if (a["status"]) rules.status_on_approval = read_status(yaml, a["status"], "'status'");
  if (a["move_to"]) {
    rules.move_to_field = yaml.scalar(a["move_to"], "'move_to'");
    if (rules.move_to_field != "to_school") {
      yaml.fail(a["move_to"], "'move_to' must name the field to_school");
    }
  }
  if (a["inform"]) rules.inform_on_approval = read_party(yaml, a["inform"], "'inform'");
}

TermRule read_term(const YamlSource& yaml, const YAML::Node& t) {
  yaml.expect_map(t, "'term'", {"default_months", "max_months", "notify", "ends", "review"});
  TermRule term;
  term.max_months =
      static_cast<int>(yaml.integer(yaml.require(t, "max_months"), "max_months", 1, 120));
  term.default_months =
      t["default_months"]
          ? static_cast<int>(yaml.integer(t["default_months"], "default_months", 1, 120))
          : term.max_months;
  if (term.default_months > term.max_months) yaml.fail(t, "default_months exceeds max_months");
  term.notify = read_party(yaml, yaml.require(t, "notify"), "'notify'");
  if (t["ends"]) {
    if (yaml.scalar(t["ends"], "'ends'") != "at_intake") {
      yaml.fail(t["ends"], "'ends' must be at_intake");
    }
    term.ends_at_intake = true;
  }
  if (t["review"]) {
    term.review = read_new_step(yaml, t["review"], false);
    if (term.review->party != term.notify) {
      yaml.fail(t["review"], "the review is for the party the term's end notifies, " + term.notify);
    }
  }
  return term;
}

}  // namespace

CaseKindRules read_national(const YamlSource& yaml, RuleBounds& bounds) {
  const YAML::Node& root = yaml.root();
  yaml.expect_map(root, "a workflow file",
                  {"kind", "title", "article", "subject", "initiators", "fields", "counts_from",
                   "preconditions", "status_while_open", "on_approval", "term", "bounds", "steps",
                   "return_grade", "special_education", "ends_when_record_moves"});
  CaseKindRules rules;
  rules.kind = yaml.required_string(root, "kind");
  const std::string stem = std::filesystem::path(yaml.file()).stem().string();
  if (stem != rules.kind) {
    yaml.fail(root["kind"], "file is named '" + stem + "' but holds kind '" + rules.kind +
                                "' (one file per kind, named by kind)");
  }
  rules.title = yaml.required_string(root, "title");
  if (root["article"]) rules.article = yaml.scalar(root["article"], "'article'");
  if (root["subject"]) rules.subject = read_subject(yaml, root["subject"]);
  rules.initiators = read_initiators(yaml, yaml.require(root, "initiators"));
  if (root["fields"]) rules.required_fields = read_fields(yaml, root["fields"]);
  if (root["counts_from"]) rules.counts_from = read_counts_from(yaml, root["counts_from"], rules);
  if (root["preconditions"]) {
    const YAML::Node list = root["preconditions"];
    if (!list.IsSequence()) yaml.fail(list, "'preconditions' must be a list");
    for (const auto& node : list) rules.preconditions.push_back(read_precondition(yaml, node));
  }
  if (root["status_while_open"]) {
    rules.status_while_open = read_status(yaml, root["status_while_open"], "'status_while_open'");
  }
  if (root["on_approval"]) read_on_approval(yaml, root["on_approval"], rules);
  if (root["term"]) rules.term = read_term(yaml, root["term"]);
  const auto sets = [&](const char* field) {
    return std::find(rules.sets_record.begin(), rules.sets_record.end(), field) !=
           rules.sets_record.end();
  };
  if (root["return_grade"]) {
    // Art. 20, 11: a placement is of a student the case sets a grade for,
    // at the school it moves them to (back from abroad) or at their own
    // (back from a specialised school).
    if (!sets("grade")) {
      yaml.fail(root["return_grade"], "'return_grade' needs on_approval to set grade");
    }
    rules.return_grade = read_return_placement(yaml, root["return_grade"]);
  }
  if (root["special_education"]) {
    // Art. 14: the assessment decides a special-education student's grade,
    // graduation and next stage (升级就读或毕业、升学).
    const YAML::Node v = root["special_education"];
    if (!sets("grade") && !sets("status")) {
      yaml.fail(v, "'special_education' needs on_approval to set grade or status");
    }
    yaml.expect_map(v, "'special_education'", {"fields", "article"});
    SpecialEducationVariant variant;
    variant.required_fields = read_fields(yaml, yaml.require(v, "fields"));
    variant.article = yaml.required_string(v, "article");
    rules.special_education = std::move(variant);
  }
  if (root["ends_when_record_moves"]) {
    rules.ends_when_record_moves =
        yaml.boolean(root["ends_when_record_moves"], "'ends_when_record_moves'");
  }
  const YAML::Node steps = yaml.require(root, "steps");
  if (!steps.IsSequence()) yaml.fail(steps, "'steps' must be a list");
  for (const auto& node : steps) rules.steps.push_back(read_new_step(yaml, node, false));
  check_steps(yaml, steps, rules);
  // The national defaults keep inside the Measures too.
  bounds = root["bounds"] ? read_bounds(yaml, root["bounds"], rules.article) : RuleBounds{};
  for (size_t i = 0; i < rules.steps.size(); ++i) {
    check_deadline_bound(yaml, steps[i]["deadline"], rules.steps[i], bounds);
  }
  const std::string missing = missing_required_party(rules, bounds);
  if (!missing.empty()) {
    yaml.fail(root["bounds"]["required_steps"], missing + " has no step that always runs, which " +
                                                    bounds.required_article + " requires");
  }
  if (rules.term) check_term_bound(yaml, root["term"], *rules.term, bounds);
  return rules;
}

}  // namespace xueji
