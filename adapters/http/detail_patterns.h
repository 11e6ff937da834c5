#pragma once
// The catalogue of problem details: each refusal a registrar can meet, in
// the engine's English (a regular expression matching the whole detail)
// and in Chinese, where `{N}` is the N-th capture as written, `{Nt}` the
// capture as a term (a kind, a status, a party: chinese_terms.h) and `{N*}`
// the capture translated by the catalogue itself (a reason inside a
// reason). Most specific first: the first whole match wins.

#include <vector>

namespace xueji::http {

struct DetailPattern {
  const char* english;
  const char* chinese;
};

const std::vector<DetailPattern>& detail_patterns();
// The September intake's (intake_detail_patterns.cc), tried after those.
const std::vector<DetailPattern>& intake_detail_patterns();
// An operator's routes' (operation_detail_patterns.cc), tried after those.
const std::vector<DetailPattern>& operation_detail_patterns();
// The newer kinds' (kind_detail_patterns.cc), tried after those.
const std::vector<DetailPattern>& kind_detail_patterns();
// The changes to the schools' (Art. 12, org_detail_patterns.cc), tried last.
const std::vector<DetailPattern>& org_detail_patterns();

}  // namespace xueji::http
