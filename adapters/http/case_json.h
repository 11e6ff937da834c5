#pragma once
// A case as the API shows it: its steps with who holds each and until when,
// and, when asked, its history.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "engine/case/case_event.h"
#include "engine/case/case_state.h"

namespace xueji::http {

// The case's members, each key mapped to its value's JSON text, printed
// without building a tree: json_object_text of them is byte for byte what
// case_json's dump() prints. A caller may add members of its own first (an
// opening's progress code). An event is the codec's text of it, set in as
// it is but for its instant: parsing that text back into a tree to print
// it again cost an opening over HTTP a tenth of the server's CPU (perf,
// session 53).
// `history` null: the case without its events.
std::map<std::string, std::string> case_members(const CaseState& c,
                                                const std::vector<CaseEvent>* history);

// The same case as a tree, for the answers that build on one.
nlohmann::json case_json(const CaseState& c, const std::vector<CaseEvent>* history);

}  // namespace xueji::http
