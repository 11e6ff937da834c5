// Reading an overlay's `preconditions:` (overlay_precondition.h): the
// vocabulary is closed, every parameter is checked, and nothing an overlay
// adds may read as loosening a national precondition (Art. 29).

#include <algorithm>
#include <set>
#include <string>

#include "engine/workflow/case_kind_rules.h"
#include "engine/workflow/overlay_precondition.h"

namespace xueji {
namespace {

using Name = OverlayPrecondition::Name;

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// A student's grade is not there to check for a kind about a child or a
// school.
void needs_a_student(const YamlSource& yaml, const YAML::Node& at, const CaseKindRules& national,
                     const std::string& name) {
  if (national.subject == CaseKindRules::Subject::child) {
    yaml.fail(at, name + " checks a student's grade, and a " + national.kind +
                      " is about a child with no record yet (" + national.article + ")");
  }
  if (national.subject == CaseKindRules::Subject::school) {
    yaml.fail(at, name + " checks a student's grade, and a " + national.kind +
                      " is about a school (" + national.article + ")");
  }
}

PromotionDate month_day(const YamlSource& yaml, const YAML::Node& node, const std::string& what) {
  auto read = parse_month_day(yaml.scalar(node, what), what);
  if (!read) yaml.fail(node, read.error().message);
  return *read;
}

void read_final_term(const YamlSource& yaml, const YAML::Node& params,
                     const CaseKindRules& national, OverlayPrecondition& pre) {
  const std::string name = "not_in_final_term_of_graduating_grade";
  needs_a_student(yaml, params, national, name);
  if (!params.IsMap()) yaml.fail(params, name + " takes {spring_term_from: \"MM-DD\"}");
  yaml.expect_map(params, name, {"spring_term_from"});
  const YAML::Node from = yaml.require(params, "spring_term_from");
  pre.spring_term_from = month_day(yaml, from, "spring_term_from");
  // The school year ends before the promotion, in August or September.
  if (pre.spring_term_from.month > 7) {
    yaml.fail(from, "spring_term_from " + pre.spring_term_from.to_string() +
                        " is not before the school year's end (the promotion, August or "
                        "September)");
  }
}

void read_term_end(const YamlSource& yaml, const YAML::Node& params, OverlayPrecondition& pre) {
  const std::string name = "not_within_days_of_term_end";
  if (params.IsScalar()) {
    pre.days = static_cast<int>(yaml.integer(params, name + " days", 1, 60));
    return;
  }
  if (!params.IsMap()) yaml.fail(params, name + " takes N or {days: N, term_ends: [\"MM-DD\"]}");
  yaml.expect_map(params, name, {"days", "term_ends"});
  pre.days = static_cast<int>(yaml.integer(yaml.require(params, "days"), name + " days", 1, 60));
  if (params["term_ends"]) {
    const YAML::Node ends = params["term_ends"];
    if (!ends.IsSequence()) yaml.fail(ends, "'term_ends' must be a list of \"MM-DD\"");
    for (const auto& end : ends) pre.term_ends.push_back(month_day(yaml, end, "a term's end"));
  }
}

void read_grade_in(const YamlSource& yaml, const YAML::Node& params, const CaseKindRules& national,
                   OverlayPrecondition& pre) {
  needs_a_student(yaml, params, national, "grade_in");
  if (!params.IsSequence() || params.size() == 0) {
    yaml.fail(params, "grade_in takes a non-empty list of grades (1-12)");
  }
  for (const auto& node : params) {
    const int grade = static_cast<int>(yaml.integer(node, "a grade of grade_in", 1, 12));
    if (std::find(pre.grades.begin(), pre.grades.end(), grade) != pre.grades.end()) {
      yaml.fail(node, "grade_in lists grade " + std::to_string(grade) + " twice");
    }
    // A grade the national rule refuses stays refused: listing it would
    // read as allowing it.
    for (const Precondition& p : national.preconditions) {
      if (p.min_grade != 0 && (grade < p.min_grade || grade > p.max_grade)) {
        yaml.fail(node, "grade_in lists grade " + std::to_string(grade) + ", which the national " +
                            national.kind + " refuses (" + p.reason +
                            (p.article.empty() ? "" : ", " + p.article) +
                            "): an overlay's precondition only adds refusals");
      }
    }
    pre.grades.push_back(grade);
  }
}

void read_required_fields(const YamlSource& yaml, const YAML::Node& params,
                          OverlayPrecondition& pre) {
  if (!params.IsSequence() || params.size() == 0) {
    yaml.fail(params, "requires_fields takes a non-empty list of fields");
  }
  const auto& known = overlay_field_names();
  for (const auto& node : params) {
    const std::string field = yaml.scalar(node, "a required field");
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      yaml.fail(node,
                "unknown field '" + field + "' (an overlay may require: " + listed(known) + ")");
    }
    pre.fields.push_back(field);
  }
}

OverlayPrecondition read_one(const YamlSource& yaml, const YAML::Node& node,
                             const CaseKindRules& national, const std::string& province) {
  if (!node.IsMap()) yaml.fail(node, "a precondition is a mapping naming one predicate");
  const auto& names = overlay_precondition_names();
  OverlayPrecondition pre;
  pre.file = yaml.file();
  pre.line = node.Mark().line + 1;
  pre.province = province;
  std::string name;
  YAML::Node params;
  for (const auto& entry : node) {
    const std::string key = yaml.scalar(entry.first, "a precondition's key");
    if (key == "article" || key == "reason") continue;
    if (key == "student_status" || key == "grade") {
      yaml.fail(entry.first, "'" + key +
                                 "' is a national precondition's, which an overlay cannot change "
                                 "(Art. 29); an overlay adds one of: " +
                                 listed(names));
    }
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      yaml.fail(entry.first, "unknown precondition '" + key + "' (known: " + listed(names) + ")");
    }
    if (!name.empty()) {
      yaml.fail(entry.first,
                "a precondition names one predicate, not '" + name + "' and '" + key + "'");
    }
    name = key;
    params = entry.second;
  }
  if (name.empty()) yaml.fail(node, "a precondition names one of: " + listed(names));
  if (!params || params.IsNull()) yaml.fail(node, "precondition " + name + " needs its parameters");
  if (!node["article"]) {
    yaml.fail(node, "precondition " + name +
                        " needs the article or province rule it enforces "
                        "('article')");
  }
  pre.article = yaml.scalar(node["article"], "'article'");
  if (node["reason"]) pre.reason = yaml.scalar(node["reason"], "'reason'");
  pre.name = static_cast<Name>(std::find(names.begin(), names.end(), name) - names.begin());
  switch (pre.name) {
    case Name::not_in_final_term_of_graduating_grade:
      read_final_term(yaml, params, national, pre);
      break;
    case Name::not_within_days_of_term_end:
      read_term_end(yaml, params, pre);
      break;
    case Name::grade_in:
      read_grade_in(yaml, params, national, pre);
      break;
    case Name::requires_fields:
      read_required_fields(yaml, params, pre);
      break;
  }
  return pre;
}

}  // namespace

std::vector<OverlayPrecondition> read_overlay_preconditions(const YamlSource& yaml,
                                                            const YAML::Node& list,
                                                            const CaseKindRules& national,
                                                            const std::string& province) {
  if (!list.IsSequence()) yaml.fail(list, "'preconditions' must be a list");
  std::vector<OverlayPrecondition> out;
  for (const auto& node : list) out.push_back(read_one(yaml, node, national, province));
  return out;
}

}  // namespace xueji
