#pragma once
// A small HTTP/1.1 server on Boost.Beast: it parses requests (bodies over
// 64 KiB are refused with 413 before they are read whole), hands each to a
// handler and writes its answer, keeping connections alive. Beast and Asio
// stay inside http_server.cc; handlers see plain structs.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "engine/core/result.h"

namespace xueji::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string target;                          // path and query, e.g. "/v1/cases/abc"
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // beyond Content-Type
};

using Handler = std::function<Response(const Request&)>;

constexpr size_t kMaxBodyBytes = 64 * 1024;

class HttpServer {
 public:
  // Binds host:port (port 0: any free port) and starts `threads` workers.
  // An address that cannot be bound is an error naming it.
  static Result<std::unique_ptr<HttpServer>> start(const std::string& host, int port,
                                                   Handler handler, int threads = 4);
  ~HttpServer();  // stops accepting, finishes in-flight requests, joins

  int port() const;
  // Stops accepting and waits for the requests in flight to be answered.
  void stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xueji::http
