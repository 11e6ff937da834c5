#include "engine/case/student_effect.h"

namespace xueji {

std::optional<StudentEffect> student_effect(const CaseEvent& e, const std::string& subject) {
  if (e.type == CaseEventType::opened && !e.effects.status_while_open.empty()) {
    return StudentEffect{subject, e.effects.status_while_open, ""};
  }
  if (e.type == CaseEventType::completed && (!e.student_status.empty() || !e.school.empty())) {
    return StudentEffect{subject, e.student_status, e.school};
  }
  return std::nullopt;
}

}  // namespace xueji
