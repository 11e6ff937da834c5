#pragma once
// Issue 18's hostile catalogue: requests no honest client sends, each with
// the exact status and problem type it must get and nothing changed
// (hostile_test.cc sends them). Split by theme to keep files short.

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/student/resident_id.h"

// Its own namespace: short helper names (raw, get, post) must not meet
// another test file's.
namespace xueji::test::hostile {

struct Hostile {
  const char* name;
  std::string request;  // raw bytes; {T} the registrar's token, {M} the ministry's
  int status;
  const char* type;  // the problem type's code
};

// A raw request; `type` "" leaves Content-Type out.
inline std::string raw(const std::string& method, const std::string& target,
                       const std::string& body, const std::string& type = "application/json",
                       const std::string& extra = "", const std::string& token = "{T}") {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
  if (!type.empty()) r += "Content-Type: " + type + "\r\n";
  r += extra;
  if (method != "GET" || !body.empty())
    r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "Connection: close\r\n\r\n" + body;
}
inline std::string post(const std::string& target, const std::string& body) {
  return raw("POST", target, body);
}
inline std::string get(const std::string& target) { return raw("GET", target, ""); }

// A registration of 王五 at 4501020002 by its registrar, with `name`,
// `id` and `school` as given (each raw JSON).
inline std::string registration(const std::string& name = R"("王五")",
                                const std::string& id = R"("450102201405050018")",
                                const std::string& school = R"("4501020001")") {
  return R"({"id":)" + id + R"(,"name":)" + name + R"(,"school":)" + school + R"(,"grade":3})";
}
inline std::string register_raw(const std::string& body) { return post("/v1/students", body); }

// A resident ID of Nanning's Xingning district born on `yyyymmdd`, with a
// right check character, so that only the date is wrong.
inline std::string resident_id_born(const std::string& yyyymmdd) {
  const std::string first17 = "450102" + yyyymmdd + "001";
  return first17 + resident_id_check_char(first17);
}

// A J registration (no ID) born on `date`.
inline std::string born_on(const std::string& date) {
  return register_raw(
      R"({"name":"王五","school":"4501020001","grade":3,"gender":"male","birth_date":")" + date +
      R"("})");
}

inline std::string chunked(const std::vector<std::string>& chunks) {
  std::string r =
      "POST /v1/students HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {T}\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  char size[32];
  for (const auto& c : chunks) {
    std::snprintf(size, sizeof size, "%zx\r\n", c.size());
    r += size + c + "\r\n";
  }
  return r + "0\r\n\r\n";
}

// What the fixture first sends under Idempotency-Key "hostile-key" to
// POST /v1/cases: refused (422 unknown_kind), its answer kept.
inline const std::string kFirstKeyedBody =
    R"({"kind":"no-such-kind","student":"G450102201309150019","to_school":"4501030002"})";

// The requests, malformed bodies to dates (hostile_catalogue.cc).
std::vector<Hostile> catalogue();
// Idempotency-Key abuse and content types (hostile_catalogue_more.cc).
std::vector<Hostile> more_hostile_requests();

}  // namespace xueji::test::hostile
