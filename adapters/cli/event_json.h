#pragma once
// The JSON shape of case events and simulation lines, shared by
// `xueji simulate` and (later) the HTTP API's history.

#include <nlohmann/json.hpp>

#include "engine/case/case_event.h"
#include "engine/simulation/simulation.h"

namespace xueji::cli {

// {"at", "case", "event", ...} with the fields each event type carries.
nlohmann::ordered_json simulation_line_json(const SimulationLine& line);

}  // namespace xueji::cli
