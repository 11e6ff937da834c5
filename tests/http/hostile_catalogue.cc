// The first part of the hostile catalogue (hostile_catalogue.h).

#include "tests/http/hostile_catalogue.h"

namespace xueji::test::hostile {

std::vector<Hostile> catalogue() {
  const std::string sql = R"(x' OR '1'='1'; DROP TABLE students; --)";
  const std::string long_text(5000, 'A');
  std::string deep_objects, deep_arrays;
  for (int i = 0; i < 100; ++i) deep_objects += R"({"a":)";
  deep_objects += "1" + std::string(100, '}');
  deep_arrays = R"({"name":)" + std::string(10000, '[') + std::string(10000, ']') + "}";
  std::string many_headers;
  for (int i = 0; i < 300; ++i) many_headers += "X-Pad: " + std::string(60, 'p') + "\r\n";
  return {
      // Malformed and truncated JSON.
      {"an empty body", register_raw(""), 400, "malformed_json"},
      {"a lone brace", register_raw("{"), 400, "malformed_json"},
      {"a truncated object", register_raw(R"({"id":"4501022014)"), 400, "malformed_json"},
      {"a truncated escape", register_raw(R"({"name":"\u00)"), 400, "malformed_json"},
      {"null", register_raw("null"), 400, "malformed_json"},
      {"an array", register_raw("[]"), 400, "malformed_json"},
      {"a bare string", register_raw(R"("x")"), 400, "malformed_json"},
      {"single quotes", register_raw("{'name':'x'}"), 400, "malformed_json"},
      {"a trailing comma", register_raw(registration().insert(registration().size() - 1, ",")), 400,
       "malformed_json"},
      {"an unquoted key", register_raw(R"({name:"x"})"), 400, "malformed_json"},
      {"two documents", register_raw(registration() + registration()), 400, "malformed_json"},
      {"NaN", register_raw(R"({"grade":NaN})"), 400, "malformed_json"},
      {"a comment", register_raw(R"({/* x */"grade":3})"), 400, "malformed_json"},
      {"a raw control character", register_raw("{\"name\":\"a\x01z\"}"), 400, "malformed_json"},
      // Deep nesting.
      {"objects 100 deep", register_raw(deep_objects), 400, "malformed_json"},
      {"arrays 10000 deep", register_raw(deep_arrays), 400, "malformed_json"},
      // Duplicated keys: which name would be registered?
      {"a key given twice",
       register_raw(
           R"({"id":"450102201405050018","name":"王五","name":"李四","school":"4501020001","grade":3})"),
       400, "malformed_json"},
      {"a nested key given twice",
       post(
           "/v1/cases",
           R"({"kind":"transfer","student":"G450102201309150019","to_school":"4501030002","x":{"a":1,"a":2}})"),
       400, "malformed_json"},
      // Huge numbers.
      {"grade 1e400",
       register_raw(
           R"({"id":"450102201405050018","name":"王五","school":"4501020001","grade":1e400})"),
       400, "malformed_json"},
      {"grade 2^64",
       register_raw(
           R"({"id":"450102201405050018","name":"王五","school":"4501020001","grade":18446744073709551616})"),
       422, "invalid_field"},
      {"grade -2^63",
       register_raw(
           R"({"id":"450102201405050018","name":"王五","school":"4501020001","grade":-9223372036854775808})"),
       422, "invalid_grade"},
      {"grade 3.5",
       register_raw(
           R"({"id":"450102201405050018","name":"王五","school":"4501020001","grade":3.5})"),
       422, "invalid_field"},
      {"grade as text",
       register_raw(
           R"({"id":"450102201405050018","name":"王五","school":"4501020001","grade":"3"})"),
       422, "invalid_field"},
      // Invalid UTF-8 and NUL bytes in strings.
      {"an invalid UTF-8 byte", register_raw(registration("\"\xff\"")), 400, "malformed_json"},
      {"an overlong UTF-8 slash", register_raw(registration("\"\xc0\xaf\"")), 400,
       "malformed_json"},
      {"a truncated UTF-8 sequence", register_raw(registration("\"\xe6\x9d\"")), 400,
       "malformed_json"},
      {"a lone surrogate", register_raw(registration(R"("\ud800")")), 400, "malformed_json"},
      {"NUL in the name", register_raw(registration(R"("a\u0000b")")), 400, "malformed_json"},
      {"NUL in the school",
       register_raw(registration(R"("王五")", R"("450102201405050018")", R"("4501020001\u0000")")),
       400, "malformed_json"},
      {"NUL in a key", register_raw(R"({"name\u0000":"x"})"), 400, "malformed_json"},
      {"NUL in a nested field",
       post(
           "/v1/cases",
           R"({"kind":"transfer","student":"G450102201309150019","to_school":"4501030002","x":["\u0000"]})"),
       400, "malformed_json"},
      {"NUL in a sign-in name",
       raw("POST", "/v1/sessions",
           R"({"name":"reg.4501020001\u0000","password":"Xueji-Demo-2025"})", "application/json",
           "", ""),
       400, "malformed_json"},
      // Overlong fields.
      {"a name of 5000 bytes", register_raw(registration("\"" + long_text + "\"")), 422,
       "invalid_field"},
      {"an ID of 300 digits",
       register_raw(registration(R"("王五")", "\"" + std::string(300, '1') + "\"")), 422,
       "invalid_resident_id"},
      {"a school code of 4000 digits",
       register_raw(registration(R"("王五")", R"("450102201405050018")",
                                 "\"" + std::string(4000, '4') + "\"")),
       404, "unknown_org"},
      {"a case kind of 4000 letters",
       post("/v1/cases", R"({"kind":")" + std::string(4000, 'k') +
                             R"(","student":"G450102201309150019","to_school":"4501030002"})"),
       422, "unknown_kind"},
      // SQL metacharacters in every text field.
      {"SQL in the ID", register_raw(registration(R"("王五")", nlohmann::json(sql).dump())), 422,
       "invalid_resident_id"},
      {"SQL in the school",
       register_raw(
           registration(R"("王五")", R"("450102201405050018")", nlohmann::json(sql).dump())),
       404, "unknown_org"},
      {"SQL in the case kind",
       post("/v1/cases",
            nlohmann::json{
                {"kind", sql}, {"student", "G450102201309150019"}, {"to_school", "4501030002"}}
                .dump()),
       422, "unknown_kind"},
      {"SQL in the case's student",
       post("/v1/cases",
            nlohmann::json{{"kind", "transfer"}, {"student", sql}, {"to_school", "4501030002"}}
                .dump()),
       404, "unknown_student"},
      {"SQL in the sign-in name",
       raw("POST", "/v1/sessions", nlohmann::json{{"name", sql}, {"password", "x"}}.dump(),
           "application/json", "", ""),
       401, "bad_credentials"},
      {"SQL in the password",
       raw("POST", "/v1/sessions",
           nlohmann::json{{"name", "reg.4501020002"}, {"password", sql}}.dump(), "application/json",
           "", ""),
       401, "bad_credentials"},
      {"SQL in a case id", get("/v1/cases/x'%20OR%20'1'='1"), 404, "unknown_case"},
      {"SQL in an org code", get("/v1/orgs/450102'--/pending"), 404, "unknown_org"},
      {"SQL in a registration number", get("/v1/students/G1'%3B%20DROP%20TABLE%20students"), 404,
       "unknown_student"},
      // Path segments.
      {"dot-dot segments", get("/v1/cases/../../etc/passwd"), 404, "not_found"},
      {"an encoded slash", get("/v1/cases/..%2F..%2Fstudents"), 404, "unknown_case"},
      {"encoded dots", get("/v1/orgs/%2E%2E/pending"), 404, "unknown_org"},
      {"an encoded NUL", get("/v1/cases/%00"), 404, "unknown_case"},
      {"an overlong case id", get("/v1/cases/" + std::string(4000, 'C')), 404, "unknown_case"},
      {"an overlong org code", get("/v1/orgs/" + std::string(4000, '4') + "/pending"), 404,
       "unknown_org"},
      {"an overlong registration number", get("/v1/students/G" + std::string(4000, '4')), 404,
       "unknown_student"},
      {"double slashes", get("//v1//students"), 404, "not_found"},
      {"an absolute-form target", get("http://evil.example/v1/cases/x"), 404, "not_found"},
      {"a target past the header limit", get("/v1/cases/" + std::string(20000, 'C')), 431,
       "headers_too_large"},
      // Oversize, repeated and broken headers.
      {"one header of 20 KiB",
       raw("GET", "/readyz", "", "", "X-Big: " + std::string(20000, 'b') + "\r\n"), 431,
       "headers_too_large"},
      {"300 repeated headers", raw("GET", "/readyz", "", "", many_headers), 431,
       "headers_too_large"},
      {"two Content-Lengths",
       raw("POST", "/v1/students", "{}", "application/json", "Content-Length: 3\r\n"), 400,
       "malformed_request"},
      {"Content-Length and chunked",
       raw("POST", "/v1/students", "{}", "application/json", "Transfer-Encoding: chunked\r\n"), 400,
       "malformed_request"},
      {"a negative Content-Length",
       "POST /v1/students HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}", 400,
       "malformed_request"},
      {"two Authorization headers",
       raw("POST", "/v1/students", registration(), "application/json",
           "Authorization: Bearer {M}\r\n"),
       400, "malformed_request"},
      {"two Content-Types",
       raw("POST", "/v1/students", registration(), "application/json",
           "Content-Type: text/plain\r\n"),
       400, "malformed_request"},
      {"a header without a colon", raw("GET", "/readyz", "", "", "Bogus\r\n"), 400,
       "malformed_request"},
      {"a space before the colon", raw("GET", "/readyz", "", "", "X-A : b\r\n"), 400,
       "malformed_request"},
      {"a TLS hello", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), 400,
       "malformed_request"},
      {"a bearer without its token",
       raw("POST", "/v1/students", registration(), "application/json", "Authorization: Bearer\r\n",
           ""),
       401, "unauthenticated"},
      {"a forged token",
       raw("POST", "/v1/students", registration(), "application/json", "", "xj_forged"), 401,
       "invalid_token"},
      // Wrong or missing content types.
      {"text/plain", raw("POST", "/v1/students", registration(), "text/plain"), 415,
       "unsupported_media_type"},
      {"a form", raw("POST", "/v1/students", "name=x&grade=3", "application/x-www-form-urlencoded"),
       400, "malformed_json"},
      {"multipart", raw("POST", "/v1/students", registration(), "multipart/form-data; boundary=x"),
       415, "unsupported_media_type"},
      {"XML", raw("POST", "/v1/students", "<student/>", "application/xml"), 415,
       "unsupported_media_type"},
      {"no Content-Type and no JSON", raw("POST", "/v1/students", "name=x", ""), 400,
       "malformed_json"},
      // Chunked bodies.
      {"chunked over the limit", chunked(std::vector<std::string>(20, std::string(4000, ' '))), 413,
       "body_too_large"},
      {"a bad chunk size",
       "POST /v1/students HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
       "chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
       400, "malformed_request"},
      {"a chunk size past 64 bits",
       "POST /v1/students HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
       "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
       400, "malformed_request"},
      {"a plain body over the limit", register_raw(std::string(70 * 1024, ' ')), 413,
       "body_too_large"},
      // Dates that do not exist or are absurd.
      {"born 2025-02-29", born_on("2025-02-29"), 422, "invalid_field"},
      {"born 0000-01-01", born_on("0000-01-01"), 422, "invalid_field"},
      {"born 9999-12-31", born_on("9999-12-31"), 422, "invalid_field"},
      {"an ID born 2025-02-29",
       register_raw(registration(R"("王五")", "\"" + resident_id_born("20250229") + "\"")), 422,
       "invalid_resident_id"},
      {"an ID born 0000-01-01",
       register_raw(registration(R"("王五")", "\"" + resident_id_born("00000101") + "\"")), 422,
       "invalid_resident_id"},
      {"an ID born 9999-12-31",
       register_raw(registration(R"("王五")", "\"" + resident_id_born("99991231") + "\"")), 422,
       "invalid_resident_id"},
      {"the clock to 2025-02-29",
       raw("POST", "/v1/clock/advance", R"({"to":"2025-02-29T00:00:00+08:00"})", "application/json",
           "", "{M}"),
       422, "invalid_field"},
      {"the clock back to 0000-01-01",
       raw("POST", "/v1/clock/advance", R"({"to":"0000-01-01T00:00:00+08:00"})", "application/json",
           "", "{M}"),
       422, "invalid_field"},
      {"the clock to 9999-12-31",
       raw("POST", "/v1/clock/advance", R"({"to":"9999-12-31T00:00:00+08:00"})", "application/json",
           "", "{M}"),
       422, "invalid_field"},
  };
}

}  // namespace xueji::test::hostile
