// The scenario loader (engine/simulation/scenario.h): a rule author's
// rehearsal file, with inline orgs, students and a timeline. A scenario
// loaded keeps its timeline in time order.

#include "engine/simulation/scenario.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto scenario = parse_scenario("scenario.yaml", fuzz::as_text(data, size));
  if (!scenario) {
    fuzz::require(scenario.error().code == "invalid_file", "a refused scenario is invalid_file");
    return 0;
  }
  for (size_t i = 1; i < scenario->timeline.size(); ++i) {
    fuzz::require(!(scenario->timeline[i].at < scenario->timeline[i - 1].at),
                  "the timeline is in time order");
  }
  return 0;
}
