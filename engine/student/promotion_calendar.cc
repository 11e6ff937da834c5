#include "engine/student/promotion_calendar.h"

#include <algorithm>
#include <tuple>

#include "engine/org/provinces.h"

namespace xueji {
namespace {

// The years promotion_run() accepts.
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

}  // namespace

Instant promotion_instant(const RuleSet& rules, const std::string& province, int year) {
  return start_of_beijing_day(rules.promotion_date(province).in_year(year));
}

std::string promotion_province(const OrgTree& orgs, const std::string& scope) {
  if (scope.empty() || scope == OrgTree::kMinistryCode) return {};
  if (orgs.find(scope) != nullptr) return orgs.province_of(scope);
  return province_of(scope);
}

std::vector<std::string> promotion_provinces(const OrgTree& orgs) {
  std::vector<std::string> out;
  for (const Org* org : orgs.all()) {
    if (org->level == OrgLevel::province) out.push_back(org->code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<DuePromotion> promotions_due(const RuleSet& rules,
                                         const std::vector<std::string>& provinces, Instant after,
                                         Instant until) {
  std::vector<DuePromotion> due;
  if (until <= after) return due;
  const int first = std::max(kFirstYear, after.beijing_date().year());
  const int last = std::min(kLastYear, until.beijing_date().year());
  for (int year = first; year <= last; ++year) {
    for (const auto& province : provinces) {
      const Instant at = promotion_instant(rules, province, year);
      if (after < at && at <= until) due.push_back({province, year, at});
    }
  }
  std::sort(due.begin(), due.end(), [](const DuePromotion& a, const DuePromotion& b) {
    return std::tie(a.at, a.province) < std::tie(b.at, b.province);
  });
  return due;
}

Instant catch_up_from(Instant now) {
  return start_of_beijing_day(now.beijing_date().plus_months(-1));
}

std::vector<DuePromotion> missed_promotions(const RuleSet& rules,
                                            const std::vector<std::string>& provinces,
                                            Instant now) {
  // promotions_due() excludes its start; the window includes it.
  return promotions_due(rules, provinces, catch_up_from(now).plus_seconds(-1), now);
}

}  // namespace xueji
