#pragma once
// A notice's line for a person, in Simplified Chinese: the Measures' terms
// for the step (转出学校 ...) and the addressee's name as the org file gives
// it. The stored text (English, for logs and for callers that ask for
// English) is written by the engine when the notice is made; this renders
// the same facts at read time, so a renamed org reads with its new name.

#include <string>

#include "adapters/http/chinese_terms.h"
#include "engine/case/notice.h"
#include "engine/org/org_tree.h"

namespace xueji::http {

// One line, e.g. 业务 C…：「转出学校」环节逾期未办理，已上报兴宁区，请于
// 2025-10-23 前办理。
std::string notice_in_chinese(const Notice& notice, const OrgTree& orgs);

}  // namespace xueji::http
