#pragma once
// Art. 11: 缓学期限一般为一学年,缓学期满仍不能就学的,应重新提出申请. A child
// whose deferral ran its school year may be deferred again by a new
// application, one year older than the entry age allowed the first time.
// The caller (the HTTP adapter, the simulator) counts the child's
// deferrals among its cases and puts the count in OpenCase::deferred_years;
// the entry-age check (engine/workflow/school_year.h) allows a year more
// for each.

#include <vector>

#include "engine/case/case_state.h"

namespace xueji {

// The school years `cases` (a child's) deferred it: deferrals approved
// whose term has ended.
int deferred_school_years(const std::vector<CaseState>& cases);

}  // namespace xueji
