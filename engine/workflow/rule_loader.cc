#include "engine/workflow/rule_loader.h"

#include <filesystem>
#include <map>
#include <memory>

#include "engine/core/files_version.h"
#include "engine/core/yaml_source.h"
#include "engine/org/provinces.h"
#include "engine/workflow/rule_files.h"
#include "engine/workflow/school_year.h"

namespace xueji {
namespace {

// An overlay read but not applied yet: every national file is read first,
// since an overlay may come before the kind it changes.
struct Overlay {
  const YamlSource* yaml;
  std::string province;
  std::string kind;
};

RuleSet build(const std::vector<RuleSource>& sources) {
  std::vector<std::unique_ptr<YamlSource>> documents;
  std::vector<VersionedFile> versioned;
  for (const auto& source : sources) {
    documents.push_back(std::make_unique<YamlSource>(source.file, source.text));
    versioned.push_back({source.file, source.text});
  }
  std::map<std::string, CaseKindRules> national;
  std::map<std::string, RuleBounds> bounds;  // by kind
  std::map<std::string, std::string> national_file;
  std::vector<Overlay> overlays;
  std::map<std::string, PromotionDate> promotion_dates;
  std::map<std::string, SchoolYearRule> school_years;  // intake and entry age (Art. 11)
  std::map<std::string, std::string> school_year_file;
  for (const auto& doc : documents) {
    const YamlSource& yaml = *doc;
    try {
      if (!yaml.root().IsMap()) yaml.fail(yaml.root(), "a workflow file must be a mapping");
      // A province's school year (Art. 7: the day its promotion runs).
      if (is_school_year_file(yaml)) {
        SchoolYearRule rule = read_school_year(yaml);
        auto [it, fresh] = school_year_file.emplace(rule.province, yaml.file());
        if (!fresh) {
          yaml.fail(yaml.root()["province"],
                    "the school year of " + rule.province + " is already set in " + it->second);
        }
        promotion_dates.emplace(rule.province, rule.promotion);
        school_years.emplace(rule.province, rule);
        continue;
      }
      if (yaml.root()["province"]) {
        yaml.expect_map(yaml.root(), "an overlay",
                        {"province", "kind", "steps", "add_steps", "drop_steps", "term", "note",
                         "return_grade", "preconditions"});
        Overlay o{&yaml, yaml.scalar(yaml.root()["province"], "'province'"),
                  yaml.required_string(yaml.root(), "kind")};
        if (!is_province_code(o.province)) {
          yaml.fail(yaml.root()["province"], "unknown province '" + o.province + "'");
        }
        overlays.push_back(o);
        continue;
      }
      RuleBounds kind_bounds;
      CaseKindRules rules = read_national(yaml, kind_bounds);
      auto [it, fresh] = national_file.emplace(rules.kind, yaml.file());
      if (!fresh)
        yaml.fail(yaml.root(), "kind '" + rules.kind + "' is already defined in " + it->second);
      bounds.emplace(rules.kind, std::move(kind_bounds));
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
      slot.emplace(o.kind, apply_overlay(*o.yaml, base->second, bounds.at(o.kind)));
    } catch (const YAML::Exception& e) {
      throw SourceError(o.yaml->file() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  }
  return RuleSet(files_version(versioned).substr(0, 16), std::move(national), std::move(provinces),
                 std::move(promotion_dates), std::move(school_years), std::move(bounds));
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
