#pragma once
// Problems in the caller's language. Registrars read Chinese: a problem's
// `title` is in Simplified Chinese unless the caller asks for English first
// (`Accept-Language: en`, as other systems and logs do); `Content-Language`
// says which. The `type` stays the same stable code in both, so callers
// branch on it, never on the text. `detail`, which names the field or rule
// in the engine's English, is rendered by detail_language.h's catalogue.

#include <string>

#include "adapters/http/detail_language.h"
#include "adapters/http/http_server.h"

namespace xueji::http {

// Whether the caller's Accept-Language ranks English above Chinese (by q,
// then order); absent, empty or `*`: not.
bool prefers_english(const Request& request);

// The Simplified Chinese title of a problem code; "" when it has none.
std::string chinese_title(const std::string& code);

// Rewrites a problem answer's title and detail (a 503's fixed retry text)
// into the caller's language and sets Content-Language; any other answer
// is left as it is.
// `org_name` gives the detail's org codes their names (detail_language.h).
void localise_problem(Response& response, const Request& request, const OrgNames& org_name = {});

}  // namespace xueji::http
