#pragma once
// A case as the API shows it: its steps with who holds each and until when,
// and, when asked, its history.

#include <nlohmann/json.hpp>

#include <vector>

#include "engine/case/case_event.h"
#include "engine/case/case_state.h"

namespace xueji::http {

// `history` null: the case without its events.
nlohmann::json case_json(const CaseState& c, const std::vector<CaseEvent>* history);

}  // namespace xueji::http
