// The hostile catalogue's second part (hostile_catalogue.h): Idempotency-Key
// abuse and content types. The key "hostile-key" was first
// used by the fixture (kFirstKeyedBody on POST /v1/cases, refused).

#include "tests/http/hostile_catalogue.h"

namespace xueji::test::hostile {
namespace {

// A POST of `body` to `target` under Idempotency-Key `key` (raw bytes).
std::string keyed(const std::string& target, const std::string& body, const std::string& key) {
  return raw("POST", target, body, "application/json", "Idempotency-Key: " + key + "\r\n");
}

}  // namespace

std::vector<Hostile> more_hostile_requests() {
  const std::string other_case =
      R"({"kind":"transfer","student":"G450102201309150019","to_school":"4501020001"})";
  return {
      // Idempotency-Key abuse.
      {"a key replayed", keyed("/v1/cases", kFirstKeyedBody, "hostile-key"), 422, "unknown_kind"},
      {"a key reused with another body", keyed("/v1/cases", other_case, "hostile-key"), 422,
       "idempotency_key_reused"},
      {"a key reused on another route", keyed("/v1/students", registration(), "hostile-key"), 422,
       "idempotency_key_reused"},
      {"a key reused on another case's decision",
       keyed("/v1/cases/nosuch/decisions", R"({"step":"x","decision":"approve"})", "hostile-key"),
       422, "idempotency_key_reused"},
      {"a key of 201 characters", keyed("/v1/students", registration(), std::string(201, 'k')), 400,
       "invalid_field"},
      {"a key of 4000 characters", keyed("/v1/students", registration(), std::string(4000, 'k')),
       400, "invalid_field"},
      {"an empty key", keyed("/v1/students", registration(), ""), 400, "invalid_field"},
      {"a key in Chinese", keyed("/v1/students", registration(), "幂等键"), 400, "invalid_field"},
      {"a key with a Latin-1 byte", keyed("/v1/students", registration(), "k\xe9y"), 400,
       "invalid_field"},
      {"a key with a control character", keyed("/v1/students", registration(), "k\x01y"), 400,
       "malformed_request"},
      {"a key with DEL", keyed("/v1/students", registration(), "k\x7fy"), 400, "malformed_request"},
      {"two keys",
       raw("POST", "/v1/students", registration(), "application/json",
           "Idempotency-Key: one\r\nIdempotency-Key: two\r\n"),
       400, "malformed_request"},
      // Content types the JSON and batch routes do not read.
      {"a batch with no Content-Type", raw("POST", "/v1/students/batch", registration(), ""), 415,
       "unsupported_media_type"},
      {"an empty Content-Type",
       raw("POST", "/v1/students", registration(), "", "Content-Type: \r\n"), 415,
       "unsupported_media_type"},
      {"application/jsonx", raw("POST", "/v1/students", registration(), "application/jsonx"), 415,
       "unsupported_media_type"},
  };
}

}  // namespace xueji::test::hostile
