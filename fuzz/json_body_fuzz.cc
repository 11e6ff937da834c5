// The HTTP request body (adapters/http/json_body.h): any bytes a client
// sends, with or without a Content-Type. A body accepted is an object whose
// strings hold no NUL and fit 4 KiB, nested at most 32 deep, so writing it
// back out is safe; the field readers answer on it without throwing.

#include <string>

#include "adapters/http/json_body.h"
#include "fuzz/fuzz_input.h"

using namespace xueji;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::Request request;
  request.method = "POST";
  request.target = "/v1/cases";
  std::string body = fuzz::as_text(data, size);
  // A leading '@' declares the rest under a Content-Type read up to the
  // first newline: the media-type check is fuzzed with the parser.
  if (!body.empty() && body.front() == '@') {
    const size_t line = body.find('\n');
    request.headers["content-type"] = body.substr(1, line == std::string::npos ? line : line - 1);
    body = line == std::string::npos ? "" : body.substr(line + 1);
  }
  request.body = body;
  auto parsed = http::parse_object(request);
  if (!parsed) return 0;
  fuzz::require(parsed->is_object(), "an accepted body is an object");
  const std::string dumped = parsed->dump();
  fuzz::require(nlohmann::json::parse(dumped) == *parsed, "an accepted body reads back the same");
  for (const char* name : {"kind", "student", "note", "grade", "year"}) {
    (void)http::string_field(*parsed, name, false);
    (void)http::whole_number_field(*parsed, name, "a whole number");
  }
  return 0;
}
