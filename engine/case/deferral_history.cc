#include "engine/case/deferral_history.h"

namespace xueji {

int deferred_school_years(const std::vector<CaseState>& cases) {
  int years = 0;
  for (const auto& c : cases) {
    // A term_ended closes an approved deferral; a rejected or withdrawn
    // one never had a term.
    const bool ran = c.kind == "deferral" && c.outcome == "approved" &&
                     c.status == CaseStatus::closed && c.term_ends.has_value();
    years += ran ? 1 : 0;
  }
  return years;
}

}  // namespace xueji
