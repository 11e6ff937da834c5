#pragma once
// The password rule, a province rule (requirements, "Accounts and
// security"): minimum length, character classes, and the rotation period
// after which a password must be changed (default 90 days). Read from
//   <workflows>/password/national.yaml            the national default
//   <workflows>/password/provinces/<code>.yaml    a province's changes
// with "file:line: reason" on a bad file, like every rule file.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/result.h"

namespace xueji {

struct PasswordPolicy {
  int min_length = 12;     // in characters (UTF-8 code points)
  int min_classes = 3;     // of: lower case, upper case, digit, other
  int rotation_days = 90;  // 0: never expires

  bool operator==(const PasswordPolicy& o) const {
    return min_length == o.min_length && min_classes == o.min_classes &&
           rotation_days == o.rotation_days;
  }
  bool operator!=(const PasswordPolicy& o) const { return !(*this == o); }
};

// The national policy and each province's, complete (overlays applied).
class PasswordPolicies {
 public:
  PasswordPolicies() = default;
  explicit PasswordPolicies(PasswordPolicy national) : national_(national) {}
  void set_province(const std::string& province, PasswordPolicy policy) {
    by_province_[province] = policy;
  }
  // The policy for an account of an org in `province` ("" for the ministry).
  const PasswordPolicy& for_province(const std::string& province) const;
  const PasswordPolicy& national() const { return national_; }

  // Whether a reload changed any province's rule (actors/domain_reload.h).
  bool operator==(const PasswordPolicies& o) const {
    return national_ == o.national_ && by_province_ == o.by_province_;
  }
  bool operator!=(const PasswordPolicies& o) const { return !(*this == o); }

 private:
  PasswordPolicy national_;
  std::map<std::string, PasswordPolicy> by_province_;
};

// Whether `password` meets `policy`; "weak_password" names the rule broken.
// A password holding the account's own name is refused too.
Status check_password(const PasswordPolicy& policy, std::string_view password,
                      std::string_view account_name);

// Whether a password changed on `changed` must be changed before use on
// `today`.
bool password_expired(const PasswordPolicy& policy, Date changed, Date today);

struct PasswordRuleSource {
  std::string file;
  std::string text;
};

// Loads the national file and the provinces' (told apart by `province:`).
// Without any file, the defaults above apply.
Result<PasswordPolicies> load_password_policies(const std::vector<PasswordRuleSource>& sources);
Result<PasswordPolicies> load_password_policies(const std::string& workflows_dir);

}  // namespace xueji
