#pragma once
// How cases are written down: events as JSON (readable in SQL, stable across
// versions: unknown fields are ignored, absent ones take defaults) and the
// state snapshot as cereal binary, base64-encoded so the same TEXT column
// holds it on PostgreSQL and SQLite.

#include <nlohmann/json.hpp>
#include <string>

#include "engine/case/case_state.h"
#include "engine/core/result.h"

namespace xueji::store {

nlohmann::json event_to_json(const CaseEvent& event);
// The stored text of an event: exactly event_to_json(event).dump(), written
// straight into one string (no tree of nodes), since every transition
// stores its events this way.
std::string event_body(const CaseEvent& event);
Result<CaseEvent> event_from_json(const nlohmann::json& json);

std::string encode_snapshot(const CaseState& state);
Result<CaseState> decode_snapshot(const std::string& text);

std::string base64_encode(const std::string& bytes);
Result<std::string> base64_decode(const std::string& text);

}  // namespace xueji::store
