#pragma once
// The time a student spent studying abroad, read off the record's history
// (Art. 20: 学校应接续学籍档案,并将学生出境学习经历在学籍信息中标记). The
// history already holds it: the status row into `abroad` (the study_abroad
// case's approval) and the row out of it (the return's, or a closing);
// this pairs them so the record shows each period as one mark.

#include <optional>
#include <string>
#include <vector>

#include "engine/core/instant.h"
#include "engine/student/record_history.h"

namespace xueji {

struct AbroadPeriod {
  Instant from;               // the record became abroad
  std::optional<Instant> to;  // it left abroad; none while still abroad
  std::string left_by;        // the case that made it abroad
  std::string returned_by;    // the case (or run) that ended it; "" while abroad
  std::string returned_as;    // the status it then took ("enrolled", "deceased"); ""
};

// The periods abroad in `history` (in the order a store lists it, oldest
// first), oldest first.
std::vector<AbroadPeriod> abroad_periods(const std::vector<HistoryEntry>& history);

}  // namespace xueji
