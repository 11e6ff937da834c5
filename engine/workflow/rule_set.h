#pragma once
// The immutable, versioned set of workflow rules: national defaults and each
// province's overlay applied. A case records the version it opened under and
// carries its resolved plan, so a later rule change never moves it.

#include <map>
#include <string>
#include <vector>

#include "engine/workflow/case_kind_rules.h"
#include "engine/workflow/kind_bounds.h"
#include "engine/workflow/school_year.h"

namespace xueji {

class RuleSet {
 public:
  RuleSet() = default;
  RuleSet(std::string version, std::map<std::string, CaseKindRules> national,
          std::map<std::string, std::map<std::string, CaseKindRules>> provinces,
          std::map<std::string, PromotionDate> promotion_dates = {},
          std::map<std::string, SchoolYearRule> school_years = {},
          std::map<std::string, RuleBounds> bounds = {})
      : version_(std::move(version)),
        national_(std::move(national)),
        provinces_(std::move(provinces)),
        promotion_dates_(std::move(promotion_dates)),
        school_years_(std::move(school_years)),
        bounds_(std::move(bounds)) {}

  // A content hash of every rule file: equal files, equal version.
  const std::string& version() const { return version_; }

  // The rules of `kind` in `province` (overlay applied), the national rules
  // when the province has no overlay for it; nullptr for an unknown kind.
  const CaseKindRules* find(const std::string& kind, const std::string& province) const {
    auto p = provinces_.find(province);
    if (p != provinces_.end()) {
      auto k = p->second.find(kind);
      if (k != p->second.end()) return &k->second;
    }
    auto n = national_.find(kind);
    return n == national_.end() ? nullptr : &n->second;
  }

  // The statutory bounds of `kind` (its national file's `bounds:`, the same
  // in every province: an overlay cannot carry them); nullptr for an unknown
  // kind.
  const RuleBounds* bounds(const std::string& kind) const {
    auto b = bounds_.find(kind);
    return b == bounds_.end() ? nullptr : &b->second;
  }

  // The day `province` promotes (Art. 7): its school-year file's date, else
  // the national default, 1 September ("" or the ministry: the default).
  PromotionDate promotion_date(const std::string& province) const {
    auto p = promotion_dates_.find(province);
    return p == promotion_dates_.end() ? PromotionDate{} : p->second;
  }

  // `province`'s school year (its intake and entry age, Art. 11): its
  // school-year file's, else the national defaults (1 September, 31 August,
  // six only).
  SchoolYearRule school_year(const std::string& province) const {
    auto p = school_years_.find(province);
    return p == school_years_.end() ? SchoolYearRule{province, {}, {}, {}} : p->second;
  }

  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    for (const auto& entry : national_) out.push_back(entry.first);
    return out;
  }
  std::vector<std::string> overlay_provinces() const {
    std::vector<std::string> out;
    for (const auto& entry : provinces_) out.push_back(entry.first);
    return out;
  }

 private:
  std::string version_;
  std::map<std::string, CaseKindRules> national_;
  std::map<std::string, std::map<std::string, CaseKindRules>> provinces_;
  std::map<std::string, PromotionDate> promotion_dates_;  // by province
  std::map<std::string, SchoolYearRule> school_years_;    // by province
  std::map<std::string, RuleBounds> bounds_;              // by kind
};

}  // namespace xueji
