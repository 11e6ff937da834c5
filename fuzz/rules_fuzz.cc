// The workflow rule loader (engine/workflow/rule_loader.h): national files,
// province overlays and school years, several files at once, separated by
// NUL bytes. Every input is loaded or refused with "file:line: reason"; a
// rule set loaded answers for every kind it holds.

#include "engine/workflow/rule_loader.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<RuleSource> sources;
  for (auto& text : fuzz::split_files(fuzz::as_text(data, size))) {
    sources.push_back({"workflows/" + std::to_string(sources.size()) + ".yaml", std::move(text)});
  }
  auto rules = load_rules(sources);
  if (!rules) {
    fuzz::require(rules.error().code == "invalid_file", "a refused rule file is invalid_file");
    return 0;
  }
  for (const auto& kind : rules->kinds()) {
    fuzz::require(rules->find(kind, "") != nullptr, "a listed kind is found");
    for (const auto& province : rules->overlay_provinces()) (void)rules->find(kind, province);
  }
  for (const auto& province : rules->overlay_provinces()) {
    (void)rules->promotion_date(province);
    (void)rules->school_year(province);
  }
  return 0;
}
