// The resident ID (engine/student/resident_id.h) and registration number
// (engine/student/registration_number.h) parsers, on the same text: what a
// registrar types or a roster file holds. An ID accepted carries its own
// check character, and its G number classifies as one.

#include "engine/student/registration_number.h"
#include "engine/student/resident_id.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = fuzz::as_text(data, size);
  static const Date today = *Date::from_ymd(2026, 12, 1);
  if (auto id = validate_resident_id(text, today)) {
    fuzz::require(text.size() == 18 && resident_id_check_char(text.substr(0, 17)) == text[17],
                  "an accepted resident ID ends in its check character");
    fuzz::require(id->birth_date <= today, "an accepted resident ID was born by today");
    auto kind = classify_registration_number(g_number(text));
    fuzz::require(kind.ok() && *kind == RegistrationKind::g_number,
                  "an accepted resident ID makes a G number");
  } else {
    fuzz::require(id.error().code == "invalid_resident_id", "a bad ID is invalid_resident_id");
  }
  if (auto kind = classify_registration_number(text)) {
    fuzz::require(text.size() == 19, "a registration number has 19 characters");
  } else {
    fuzz::require(kind.error().code == "invalid_registration_number",
                  "a bad number is invalid_registration_number");
  }
  return 0;
}
