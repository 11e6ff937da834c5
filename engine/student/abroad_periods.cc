#include "engine/student/abroad_periods.h"

#include "engine/student/student.h"

namespace xueji {

std::vector<AbroadPeriod> abroad_periods(const std::vector<HistoryEntry>& history) {
  const std::string abroad(to_string(StudentStatus::abroad));
  std::vector<AbroadPeriod> out;
  for (const auto& entry : history) {
    if (entry.change.field != "status") continue;
    if (entry.change.new_value == abroad) {
      out.push_back(AbroadPeriod{entry.at, std::nullopt, entry.source, "", ""});
    } else if (entry.change.old_value == abroad && !out.empty() && !out.back().to) {
      out.back().to = entry.at;
      out.back().returned_by = entry.source;
      out.back().returned_as = entry.change.new_value;
    }
  }
  return out;
}

}  // namespace xueji
