#pragma once
// One notice as the API's inbox (GET /v1/orgs/{code}/notices) and the
// webhooks show it: the stored English `text`, which a caller may replace
// with its Chinese line (notice_text.h); a `redated` notice also carries
// the date its party had been told and whether the new one is provisional.

#include <nlohmann/json.hpp>

#include "engine/case/notice.h"

namespace xueji::http {

nlohmann::json notice_json(const Notice& n);

}  // namespace xueji::http
