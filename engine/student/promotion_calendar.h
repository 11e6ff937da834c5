#pragma once
// When the yearly promotion runs by itself (Art. 7: 正常升级的学生基础学籍
// 信息由国家学籍系统自动更新). Each province promotes at 00:00 Beijing time
// on its own date (workflows/provinces/<code>/school_year.yaml, default 1
// September: rule_set.h), over its whole org code. This file only decides
// which runs are due at an instant; the server runs them (the same
// promotion_run() over the province's code as POST /v1/promotions).
//
// The policy for dates the server did not see pass (it was down, or the
// deployment is new): at start-up a date within the catch-up window, the
// month before now, is run; an older one is not. A month because that is
// the month of corrections (promotion_correction.h): a run later than that
// is a county's decision (POST /v1/promotions with `at`), not a surprise.
// A fresh deployment that imports an already-promoted cohort turns the
// automatic runs off (`serve --no-auto-promotion`) until the month is over.

#include <string>
#include <vector>

#include "engine/core/instant.h"
#include "engine/org/org_tree.h"
#include "engine/workflow/rule_set.h"

namespace xueji {

// One province's promotion of one school year, due.
struct DuePromotion {
  std::string province;  // the run's scope: the province's org code
  int year = 0;          // the school year that starts
  Instant at;            // 00:00 Beijing time on the province's date

  friend bool operator==(const DuePromotion& a, const DuePromotion& b) {
    return a.province == b.province && a.year == b.year && a.at == b.at;
  }
};

// 00:00 Beijing time on `province`'s promotion date of `year` (the national
// default for "" or a province without a school-year file).
Instant promotion_instant(const RuleSet& rules, const std::string& province, int year);

// The province whose date a promotion over `scope` takes: the province the
// tree holds above it (or `scope` itself); for a code the tree does not know
// (the bench's "45"), the province its first two digits name; "" for the
// ministry and for "" (every school): the national default.
std::string promotion_province(const OrgTree& orgs, const std::string& scope);

// The provinces of the tree, by code: the scopes of the automatic runs.
std::vector<std::string> promotion_provinces(const OrgTree& orgs);

// Every promotion of `provinces` whose instant lies in (after, until],
// soonest first, then by province code. A gap over several years yields
// each year's run (2000-2100, the years a run may name), in order.
std::vector<DuePromotion> promotions_due(const RuleSet& rules,
                                         const std::vector<std::string>& provinces, Instant after,
                                         Instant until);

// The first instant of the catch-up window before `now`: 00:00 Beijing time
// one calendar month before now's date.
Instant catch_up_from(Instant now);

// At start-up: the promotions whose instant lies in the catch-up window,
// [catch_up_from(now), now]. Those already run change nothing when run
// again (a finished run is final); the others are run now.
std::vector<DuePromotion> missed_promotions(const RuleSet& rules,
                                            const std::vector<std::string>& provinces, Instant now);

}  // namespace xueji
