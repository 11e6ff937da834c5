#pragma once
// A problem's `detail` in Simplified Chinese. The engine words its refusals
// in English (they go to logs, and to callers that ask for English); this
// catalogue renders each refusal a registrar can meet in the Measures'
// terms, keeping the codes, numbers and names it carries. A catalogue of
// patterns rather than message ids, so the engine core stays free of any
// language but its own; tests/http/detail_language_test.cc holds every
// pattern to an example, and the recorded answers of the HTTP suites to
// the catalogue (no untranslated detail reaches a registrar there).

#include <functional>
#include <string>

namespace xueji::http {

// An org's name for its code; "" for a code that names no org.
using OrgNames = std::function<std::string(const std::string& code)>;

// `english` (one whole detail) in Chinese; "" when the catalogue has no
// pattern for it. Articles ("Art. 15", "Art. 8, 10") read 第十五条, 第八条、第十条;
// a code `org_name` knows reads as the org files name it, code beside:
// 南宁兴宁区第一小学（4501020001）.
std::string chinese_detail(const std::string& english, const OrgNames& org_name = {});

// "Art. 15" -> "第十五条" wherever it occurs in `text`.
std::string articles_in_chinese(const std::string& text);

}  // namespace xueji::http
