// A case event as the store keeps it (engine/case/event_codec.h: the
// `case_events.body` column), read the way adapters/store reads it: parsed
// without exceptions, then decoded. A corrupt body is refused; an event read
// back writes a body that reads back to the same body.

#include "engine/case/event_codec.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto event = event_from_json(nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false));
  if (!event) {
    fuzz::require(event.error().code == "corrupt_event", "a bad event body is corrupt_event");
    return 0;
  }
  const std::string body = event_body(*event);
  auto again = event_from_json(nlohmann::json::parse(body, nullptr, false));
  fuzz::require(again.ok(), "a written event body reads back");
  fuzz::require(event_body(*again) == body, "a written event body reads back to itself");
  return 0;
}
