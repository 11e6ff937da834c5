#include "engine/workflow/rule_loader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "engine/core/sha256.h"
#include "engine/core/yaml_source.h"
#include "engine/org/provinces.h"
#include "engine/student/student.h"
#include "engine/workflow/step_reader.h"

namespace xueji {
namespace {

const std::set<std::string> kKnownFields = {"to_school", "household_county", "months"};

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

CaseKindRules read_national(const YamlSource& yaml) {
  const YAML::Node& root = yaml.root();
  yaml.expect_map(root, "a workflow file",
                  {"kind", "title", "article", "subject", "initiators", "fields", "preconditions",
                   "status_while_open", "on_approval", "term", "steps"});
  CaseKindRules rules;
  rules.kind = yaml.required_string(root, "kind");
  const std::string stem = std::filesystem::path(yaml.file()).stem().string();
  if (stem != rules.kind) {
    yaml.fail(root["kind"], "file is named '" + stem + "' but holds kind '" + rules.kind +
                                "' (one file per kind, named by kind)");
  }
  rules.title = yaml.required_string(root, "title");
  if (root["article"]) rules.article = yaml.scalar(root["article"], "'article'");
  if (root["subject"]) {
    const std::string subject = yaml.scalar(root["subject"], "'subject'");
    if (subject == "student") {
      rules.subject = CaseKindRules::Subject::student;
    } else if (subject == "child") {
      rules.subject = CaseKindRules::Subject::child;
    } else {
      yaml.fail(root["subject"], "'subject' must be student or child, not '" + subject + "'");
    }
  }
  const YAML::Node initiators = yaml.require(root, "initiators");
  if (!initiators.IsSequence() || initiators.size() == 0) {
    yaml.fail(initiators, "'initiators' must be a non-empty list");
  }
  for (const auto& item : initiators) {
    const std::string who = yaml.scalar(item, "an initiator");
    if (who != "guardian") read_party(yaml, item, "an initiator");
    if (who == "superior") yaml.fail(item, "'superior' cannot open a case");
    rules.initiators.push_back(who);
  }
  if (root["fields"]) {
    const YAML::Node fields = root["fields"];
    rules.required_fields = read_list(yaml, fields, "'fields'");
    for (size_t i = 0; i < rules.required_fields.size(); ++i) {
      if (kKnownFields.count(rules.required_fields[i]) == 0) {
        yaml.fail(fields[i], "unknown field '" + rules.required_fields[i] +
                                 "' (known: household_county, months, to_school)");
      }
    }
  }
  if (root["preconditions"]) {
    const YAML::Node list = root["preconditions"];
    if (!list.IsSequence()) yaml.fail(list, "'preconditions' must be a list");
    for (const auto& node : list) {
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
      rules.preconditions.push_back(std::move(p));
    }
  }
  if (root["status_while_open"]) {
    rules.status_while_open = read_status(yaml, root["status_while_open"], "'status_while_open'");
  }
  if (root["on_approval"]) {
    const YAML::Node a = root["on_approval"];
    yaml.expect_map(a, "'on_approval'", {"status", "move_to", "inform"});
    if (a["status"]) rules.status_on_approval = read_status(yaml, a["status"], "'status'");
    if (a["move_to"]) {
      rules.move_to_field = yaml.scalar(a["move_to"], "'move_to'");
      if (rules.move_to_field != "to_school") {
        yaml.fail(a["move_to"], "'move_to' must name the field to_school");
      }
    }
    if (a["inform"]) rules.inform_on_approval = read_party(yaml, a["inform"], "'inform'");
  }
  if (root["term"]) {
    const YAML::Node t = root["term"];
    yaml.expect_map(t, "'term'", {"default_months", "max_months", "notify"});
    TermRule term;
    term.max_months =
        static_cast<int>(yaml.integer(yaml.require(t, "max_months"), "max_months", 1, 120));
    term.default_months =
        t["default_months"]
            ? static_cast<int>(yaml.integer(t["default_months"], "default_months", 1, 120))
            : term.max_months;
    if (term.default_months > term.max_months) yaml.fail(t, "default_months exceeds max_months");
    term.notify = read_party(yaml, yaml.require(t, "notify"), "'notify'");
    rules.term = term;
  }
  const YAML::Node steps = yaml.require(root, "steps");
  if (!steps.IsSequence()) yaml.fail(steps, "'steps' must be a list");
  for (const auto& node : steps) rules.steps.push_back(read_new_step(yaml, node, false));
  check_steps(yaml, steps, rules);
  return rules;
}

struct Overlay {
  const YamlSource* yaml;
  std::string province;
  std::string kind;
};

CaseKindRules apply_overlay(const YamlSource& yaml, CaseKindRules rules) {
  const YAML::Node& root = yaml.root();
  rules.province = yaml.scalar(root["province"], "'province'");
  if (root["steps"]) {
    const YAML::Node changes = root["steps"];
    if (!changes.IsMap()) yaml.fail(changes, "'steps' in an overlay maps step names to changes");
    for (const auto& entry : changes) {
      const std::string name = entry.first.as<std::string>();
      StepRule* step = nullptr;
      for (auto& s : rules.steps) {
        if (s.step == name) step = &s;
      }
      if (step == nullptr) {
        yaml.fail(entry.first,
                  "overlay changes step '" + name + "', which " + rules.kind + " does not have");
      }
      yaml.expect_map(entry.second, "a step change", kStepSettings);
      read_step_settings(yaml, entry.second, *step);
    }
  }
  if (root["drop_steps"]) {
    for (const auto& node : root["drop_steps"]) {
      const std::string name = yaml.scalar(node, "a dropped step");
      auto it = std::find_if(rules.steps.begin(), rules.steps.end(),
                             [&](const StepRule& s) { return s.step == name; });
      if (it == rules.steps.end()) {
        yaml.fail(node,
                  "overlay drops step '" + name + "', which " + rules.kind + " does not have");
      }
      rules.steps.erase(it);
    }
  }
  if (root["add_steps"]) {
    const YAML::Node adds = root["add_steps"];
    if (!adds.IsSequence()) yaml.fail(adds, "'add_steps' must be a list");
    for (const auto& node : adds) {
      StepRule step = read_new_step(yaml, node, true);
      auto at = rules.steps.end();
      if (node["after"]) {
        const std::string after = yaml.scalar(node["after"], "'after'");
        at = std::find_if(rules.steps.begin(), rules.steps.end(),
                          [&](const StepRule& s) { return s.step == after; });
        if (at == rules.steps.end()) {
          yaml.fail(node["after"], "no step '" + after + "' to add '" + step.step + "' after");
        }
        ++at;
      }
      rules.steps.insert(at, std::move(step));
    }
  }
  if (root["term"]) {
    if (!rules.term) yaml.fail(root["term"], "kind '" + rules.kind + "' has no term to change");
    const YAML::Node t = root["term"];
    yaml.expect_map(t, "'term'", {"default_months", "max_months"});
    if (t["max_months"]) {
      rules.term->max_months =
          static_cast<int>(yaml.integer(t["max_months"], "max_months", 1, 120));
    }
    if (t["default_months"]) {
      rules.term->default_months =
          static_cast<int>(yaml.integer(t["default_months"], "default_months", 1, 120));
    } else {
      rules.term->default_months = std::min(rules.term->default_months, rules.term->max_months);
    }
    if (rules.term->default_months > rules.term->max_months) {
      yaml.fail(t, "default_months exceeds max_months");
    }
  }
  check_steps(yaml, root, rules);
  return rules;
}

RuleSet build(const std::vector<RuleSource>& sources) {
  std::vector<std::unique_ptr<YamlSource>> documents;
  std::string fingerprint;
  for (const auto& source : sources) {
    documents.push_back(std::make_unique<YamlSource>(source.file, source.text));
    fingerprint += source.file + '\0' + source.text + '\0';
  }
  std::map<std::string, CaseKindRules> national;
  std::map<std::string, std::string> national_file;
  std::vector<Overlay> overlays;
  for (const auto& doc : documents) {
    const YamlSource& yaml = *doc;
    try {
      if (!yaml.root().IsMap()) yaml.fail(yaml.root(), "a workflow file must be a mapping");
      if (yaml.root()["province"]) {
        yaml.expect_map(yaml.root(), "an overlay",
                        {"province", "kind", "steps", "add_steps", "drop_steps", "term", "note"});
        Overlay o{&yaml, yaml.scalar(yaml.root()["province"], "'province'"),
                  yaml.required_string(yaml.root(), "kind")};
        if (!is_province_code(o.province)) {
          yaml.fail(yaml.root()["province"], "unknown province '" + o.province + "'");
        }
        overlays.push_back(o);
        continue;
      }
      CaseKindRules rules = read_national(yaml);
      auto [it, fresh] = national_file.emplace(rules.kind, yaml.file());
      if (!fresh)
        yaml.fail(yaml.root(), "kind '" + rules.kind + "' is already defined in " + it->second);
      national.emplace(rules.kind, std::move(rules));
    } catch (const YAML::Exception& e) {
      throw SourceError(yaml.file() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  }
  std::map<std::string, std::map<std::string, CaseKindRules>> provinces;
  for (const auto& o : overlays) {
    try {
      auto base = national.find(o.kind);
      if (base == national.end()) {
        o.yaml->fail(o.yaml->root()["kind"], "overlay for unknown kind '" + o.kind + "'");
      }
      auto& slot = provinces[o.province];
      if (slot.count(o.kind) != 0) {
        o.yaml->fail(o.yaml->root(), "a second overlay of " + o.kind + " for " + o.province);
      }
      slot.emplace(o.kind, apply_overlay(*o.yaml, base->second));
    } catch (const YAML::Exception& e) {
      throw SourceError(o.yaml->file() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  }
  return RuleSet(sha256_hex(fingerprint).substr(0, 16), std::move(national), std::move(provinces));
}

}  // namespace

Result<RuleSet> load_rules(const std::vector<RuleSource>& sources) {
  return read_source<RuleSet>(sources.empty() ? std::string("workflows") : sources.front().file,
                              [&] { return build(sources); });
}

Result<RuleSet> load_rules(const std::string& dir) {
  auto files = yaml_files_under(dir);
  if (!files) return files.error();
  std::vector<RuleSource> sources;
  const std::string password_dir = (std::filesystem::path(dir) / "password").string() + "/";
  for (const auto& file : *files) {
    // <dir>/password/ holds the password rule (engine/account/password_policy.h).
    if (file.rfind(password_dir, 0) == 0) continue;
    auto text = read_text_file(file);
    if (!text) return text.error();
    sources.push_back({file, std::move(*text)});
  }
  if (sources.empty()) return make_error("invalid_file", dir + ": no workflow files found");
  return load_rules(sources);
}

}  // namespace xueji
