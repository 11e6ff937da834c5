#pragma once
// A case event as stored text (`case_events.body`) and back: JSON, readable
// in SQL and stable across versions (unknown fields are ignored, absent
// ones take defaults). One encoder, written straight into a string since
// every transition stores its events this way; tests check it against
// nlohmann's own writer.

#include <nlohmann/json.hpp>
#include <string>

#include "engine/case/case_event.h"
#include "engine/core/result.h"

namespace xueji {

// {"type":…,"at":<unix seconds>,…} with the fields the event's type carries.
std::string event_body(const CaseEvent& event);
// "corrupt_event" naming what is wrong.
Result<CaseEvent> event_from_json(const nlohmann::json& json);

}  // namespace xueji
