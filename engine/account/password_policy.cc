#include "engine/account/password_policy.h"

#include <filesystem>

#include "engine/core/yaml_source.h"
#include "engine/org/provinces.h"

namespace xueji {

const PasswordPolicy& PasswordPolicies::for_province(const std::string& province) const {
  auto it = by_province_.find(province);
  return it == by_province_.end() ? national_ : it->second;
}

Status check_password(const PasswordPolicy& policy, std::string_view password,
                      std::string_view account_name) {
  int characters = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++characters;  // count code points, not bytes
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      other = true;
    }
  }
  if (characters < policy.min_length) {
    return make_error("weak_password", "the password must have at least " +
                                           std::to_string(policy.min_length) + " characters, not " +
                                           std::to_string(characters));
  }
  if (password.size() > 256) {
    return make_error("weak_password", "the password must have at most 256 bytes");
  }
  const int classes = lower + upper + digit + other;
  if (classes < policy.min_classes) {
    return make_error("weak_password", "the password must mix at least " +
                                           std::to_string(policy.min_classes) +
                                           " of: lower case, upper case, digits, other characters");
  }
  if (!account_name.empty() && password.find(account_name) != std::string_view::npos) {
    return make_error("weak_password", "the password must not contain the account name");
  }
  return Status();
}

bool password_expired(const PasswordPolicy& policy, Date changed, Date today) {
  return policy.rotation_days > 0 && today > changed.plus_days(policy.rotation_days);
}

namespace {

void read_settings(const YamlSource& yaml, const YAML::Node& root, PasswordPolicy& policy) {
  if (root["min_length"]) {
    policy.min_length = static_cast<int>(yaml.integer(root["min_length"], "min_length", 8, 128));
  }
  if (root["min_classes"]) {
    policy.min_classes = static_cast<int>(yaml.integer(root["min_classes"], "min_classes", 1, 4));
  }
  if (root["rotation_days"]) {
    policy.rotation_days =
        static_cast<int>(yaml.integer(root["rotation_days"], "rotation_days", 0, 3650));
  }
}

}  // namespace

Result<PasswordPolicies> load_password_policies(const std::vector<PasswordRuleSource>& sources) {
  PasswordPolicy national;
  struct Overlay {
    std::string province;
    const PasswordRuleSource* source;
  };
  std::vector<Overlay> overlays;
  for (const auto& source : sources) {
    auto read = read_source<bool>(source.file, [&] {
      YamlSource yaml(source.file, source.text);
      const YAML::Node& root = yaml.root();
      yaml.expect_map(root, "a password rule file",
                      {"province", "min_length", "min_classes", "rotation_days"});
      if (root["province"]) {
        const std::string province = yaml.scalar(root["province"], "'province'");
        if (!is_province_code(province)) {
          yaml.fail(root["province"], "'" + province + "' is not a province code");
        }
        overlays.push_back({province, &source});
      } else {
        read_settings(yaml, root, national);
      }
      return true;
    });
    if (!read) return read.error();
  }
  PasswordPolicies policies(national);
  for (const auto& overlay : overlays) {
    auto read = read_source<bool>(overlay.source->file, [&] {
      YamlSource yaml(overlay.source->file, overlay.source->text);
      PasswordPolicy policy = national;
      read_settings(yaml, yaml.root(), policy);
      policies.set_province(overlay.province, policy);
      return true;
    });
    if (!read) return read.error();
  }
  return policies;
}

Result<PasswordPolicies> load_password_policies(const std::string& workflows_dir) {
  const std::string dir = (std::filesystem::path(workflows_dir) / "password").string();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return PasswordPolicies();
  auto files = yaml_files_under(dir);
  if (!files) return files.error();
  std::vector<PasswordRuleSource> sources;
  for (const auto& file : *files) {
    auto text = read_text_file(file);
    if (!text) return text.error();
    sources.push_back({file, std::move(*text)});
  }
  return load_password_policies(sources);
}

}  // namespace xueji
