#include "engine/case/archive_duty.h"

#include "engine/core/sha256.h"

namespace xueji {

std::string archive_kind_after_registration(bool reopened) {
  return reopened ? "archive_update" : "archive_build";
}

std::optional<ArchiveDuty> archive_duty_of(const CaseState& closed) {
  const PlannedEffects& fx = closed.effects;
  if (closed.outcome != "approved" || !closed.completed_at) return std::nullopt;
  if (!fx.moves_school && fx.sets_record.empty()) return std::nullopt;
  auto proposed_status = closed.fields.find("status");
  const std::string status_after =
      proposed_status != closed.fields.end() ? proposed_status->second : fx.status_on_approval;
  if (auto status = parse_student_status(status_after); status && is_closed(*status)) {
    return std::nullopt;
  }
  ArchiveDuty duty;
  duty.kind = "archive_update";
  duty.case_id = archive_case_id(closed.id, duty.kind);
  duty.subject = closed.subject;
  // The school the student is at after the approval is the one that owes.
  auto to = closed.fields.find("to_school");
  duty.school =
      fx.moves_school && to != closed.fields.end() ? to->second : closed.student_school_before;
  duty.owed_since = *closed.completed_at;
  return duty;
}

std::optional<ArchiveDuty> archive_duty_after_case(const std::vector<CaseEvent>& events,
                                                   const CaseState& after) {
  for (const CaseEvent& e : events) {
    if (e.type == CaseEventType::completed) return archive_duty_of(after);
  }
  return std::nullopt;
}

std::string archive_case_id(const std::string& source_case_id, const std::string& kind) {
  return "C" + sha256_hex(source_case_id + "\n" + kind).substr(0, 16);
}

}  // namespace xueji
