#include "engine/simulation/scenario.h"

#include <algorithm>
#include <set>

#include "engine/case/opening_fields.h"
#include "engine/core/yaml_source.h"

namespace xueji {
namespace {

Instant read_instant(const YamlSource& yaml, const YAML::Node& node, const std::string& what) {
  auto at = Instant::parse(yaml.scalar(node, what));
  if (!at) yaml.fail(node, what + ": " + at.error().message);
  return *at;
}

ScenarioStudent read_student(const YamlSource& yaml, const YAML::Node& node) {
  yaml.expect_map(node, "a student", {"id", "name", "school", "grade", "status"});
  ScenarioStudent s;
  s.resident_id = yaml.required_string(node, "id");
  s.name = yaml.required_string(node, "name");
  s.school = yaml.required_string(node, "school");
  s.grade = static_cast<int>(yaml.integer(yaml.require(node, "grade"), "'grade'", 1, 12));
  if (node["status"]) s.status = yaml.scalar(node["status"], "'status'");
  s.line = node.Mark().line + 1;
  return s;
}

// `run: {kind: promotion, scope, year}` or
// `run: {kind: graduation, school, year, grade, except}`.
void read_run(const YamlSource& yaml, const YAML::Node& r, ScenarioAction& a) {
  yaml.expect_map(r, "'run'", {"kind", "scope", "school", "year", "grade", "except"});
  a.kind = ScenarioAction::Kind::run;
  a.run_kind = yaml.required_string(r, "kind");
  a.year = static_cast<int>(yaml.integer(yaml.require(r, "year"), "'year'", 2000, 2100));
  if (a.run_kind == "promotion") {
    for (const char* key : {"school", "grade", "except"}) {
      if (r[key]) yaml.fail(r[key], std::string("a promotion takes no '") + key + "'");
    }
    a.scope = yaml.required_string(r, "scope");
  } else if (a.run_kind == "graduation") {
    if (r["scope"]) yaml.fail(r["scope"], "a graduation names its 'school', not a 'scope'");
    a.scope = yaml.required_string(r, "school");
    if (r["grade"]) a.grade = static_cast<int>(yaml.integer(r["grade"], "'grade'", 1, 12));
    if (r["except"]) {
      if (!r["except"].IsSequence()) yaml.fail(r["except"], "'except' must be a list");
      for (const auto& number : r["except"]) a.except.push_back(yaml.scalar(number, "'except'"));
    }
  } else {
    yaml.fail(r["kind"], "unknown run kind '" + a.run_kind + "' (promotion or graduation)");
  }
}

// `correct: {run, student, grade, by, reason}`.
void read_correction(const YamlSource& yaml, const YAML::Node& c, ScenarioAction& a) {
  yaml.expect_map(c, "'correct'", {"run", "student", "grade", "by", "reason"});
  a.kind = ScenarioAction::Kind::correct;
  a.run_id = yaml.required_string(c, "run");
  a.student = yaml.required_string(c, "student");
  a.grade = static_cast<int>(yaml.integer(yaml.require(c, "grade"), "'grade'", 1, 12));
  a.by = yaml.required_string(c, "by");
  a.reason = yaml.required_string(c, "reason");
  if (a.reason.empty()) yaml.fail(c["reason"], "'reason' is empty");
}

ScenarioAction read_action(const YamlSource& yaml, const YAML::Node& node) {
  yaml.expect_map(node, "a timeline entry",
                  {"at", "open", "decide", "withdraw", "register", "run", "correct"});
  ScenarioAction a;
  a.at = read_instant(yaml, yaml.require(node, "at"), "'at'");
  a.line = node.Mark().line + 1;
  int kinds = 0;
  if (node["open"]) {
    ++kinds;
    const YAML::Node o = node["open"];
    std::set<std::string> allowed = {"ref", "kind", "student", "child", "by", "note"};
    allowed.insert(opening_field_names().begin(), opening_field_names().end());
    yaml.expect_map(o, "'open'", allowed);
    a.kind = ScenarioAction::Kind::open;
    a.case_ref = yaml.required_string(o, "ref");
    a.case_kind = yaml.required_string(o, "kind");
    if (o["student"]) a.student = yaml.scalar(o["student"], "'student'");
    if (o["child"]) a.child = yaml.scalar(o["child"], "'child'");
    if (o["by"]) a.by = yaml.scalar(o["by"], "'by'");
    if (o["note"]) a.note = yaml.scalar(o["note"], "'note'");
    for (const std::string& field : opening_field_names()) {
      if (o[field]) a.fields[field] = yaml.scalar(o[field], "'" + field + "'");
    }
    // A school's own case (its termly check, Art. 25) names the school.
    const bool of_school = a.student.empty() && a.child.empty() && a.fields.count("school") != 0;
    if (a.student.empty() == a.child.empty() && !of_school) {
      yaml.fail(o,
                "'open' names either a 'student' (registration number) or a 'child' (resident ID)");
    }
  }
  if (node["decide"]) {
    ++kinds;
    const YAML::Node d = node["decide"];
    yaml.expect_map(d, "'decide'", {"case", "step", "by", "decision", "note"});
    a.kind = ScenarioAction::Kind::decide;
    a.case_ref = yaml.required_string(d, "case");
    a.step = yaml.required_string(d, "step");
    a.by = yaml.required_string(d, "by");
    a.decision = yaml.required_string(d, "decision");
    if (d["note"]) a.note = yaml.scalar(d["note"], "'note'");
  }
  if (node["withdraw"]) {
    ++kinds;
    const YAML::Node w = node["withdraw"];
    yaml.expect_map(w, "'withdraw'", {"case", "by"});
    a.kind = ScenarioAction::Kind::withdraw;
    a.case_ref = yaml.required_string(w, "case");
    a.by = yaml.required_string(w, "by");
  }
  if (node["register"]) {
    ++kinds;
    a.kind = ScenarioAction::Kind::register_student;
    a.new_student = read_student(yaml, node["register"]);
    a.case_ref = "";
  }
  if (node["run"]) {
    ++kinds;
    read_run(yaml, node["run"], a);
  }
  if (node["correct"]) {
    ++kinds;
    read_correction(yaml, node["correct"], a);
  }
  if (kinds != 1) {
    yaml.fail(node,
              "a timeline entry holds exactly one of open, decide, withdraw, register, run, "
              "correct");
  }
  return a;
}

Scenario read_scenario(const YamlSource& yaml) {
  const YAML::Node& root = yaml.root();
  yaml.expect_map(root, "a scenario",
                  {"province_rules", "calendars", "orgs", "students", "timeline", "run_until"});
  Scenario s;
  s.file = yaml.file();
  if (root["province_rules"]) s.rules_dir = yaml.scalar(root["province_rules"], "'province_rules'");
  if (root["calendars"]) s.calendars_dir = yaml.scalar(root["calendars"], "'calendars'");
  if (root["orgs"]) {
    const YAML::Node orgs = root["orgs"];
    if (orgs.IsScalar()) {
      s.orgs_file = orgs.Scalar();
    } else {
      s.inline_orgs = read_org_list(yaml, orgs);
    }
  }
  if (root["students"]) {
    if (!root["students"].IsSequence()) yaml.fail(root["students"], "'students' must be a list");
    for (const auto& node : root["students"]) s.students.push_back(read_student(yaml, node));
  }
  const YAML::Node timeline = yaml.require(root, "timeline");
  if (!timeline.IsSequence()) yaml.fail(timeline, "'timeline' must be a list");
  for (const auto& node : timeline) s.timeline.push_back(read_action(yaml, node));
  std::stable_sort(s.timeline.begin(), s.timeline.end(),
                   [](const ScenarioAction& a, const ScenarioAction& b) { return a.at < b.at; });
  s.run_until = read_instant(yaml, yaml.require(root, "run_until"), "'run_until'");
  if (!s.timeline.empty() && s.run_until < s.timeline.front().at) {
    yaml.fail(root["run_until"], "'run_until' comes before the first timeline entry");
  }
  return s;
}

}  // namespace

Result<Scenario> parse_scenario(const std::string& file, const std::string& text) {
  return read_source<Scenario>(file, [&] {
    YamlSource yaml(file, text);
    return read_scenario(yaml);
  });
}

Result<Scenario> load_scenario(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.error();
  return parse_scenario(path, *text);
}

}  // namespace xueji
