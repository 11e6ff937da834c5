#pragma once
// What a case event does to the student's record: opening a transfer marks
// the student transfer_pending; completion sets the status the rules name
// and, for a transfer, the new school. The store commits it with the
// transition; the simulator applies it to its in-memory registry.

#include <optional>
#include <string>

#include "engine/case/case_event.h"

namespace xueji {

struct StudentEffect {
  std::string registration_number;
  std::string status;  // "" = unchanged
  std::string school;  // "" = unchanged
};

// The effect of `event` on the case's subject, if any.
std::optional<StudentEffect> student_effect(const CaseEvent& event, const std::string& subject);

}  // namespace xueji
