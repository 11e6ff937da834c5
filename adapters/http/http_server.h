#pragma once
// A small HTTP/1.1 server on Boost.Beast: it parses requests (bodies over
// 64 KiB, over 8 MiB for a batch of registrations, are refused with 413
// before they are read whole), hands each to a handler and writes its
// answer, keeping connections alive. Reads are
// asynchronous and bounded in time, so a client that stops half-way holds
// no worker and is closed when its time is up. Beast and Asio stay inside
// http_server.cc; handlers see plain structs.

#include <atomic>
#include <chrono>
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
  std::string peer;  // the TCP peer's address ("127.0.0.1"); "" when unknown
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // beyond Content-Type
};

using Handler = std::function<Response(const Request&)>;

constexpr size_t kMaxBodyBytes = 64 * 1024;
// POST /v1/students/batch's limit: a term's entrants in one request.
constexpr size_t kMaxBatchBodyBytes = 8 * 1024 * 1024;

struct ServerOptions {
  int threads = 4;  // the workers running handlers
  // From a connection's open (or its last answer) to its request's last
  // header line: a client that sends part of its headers and then nothing
  // (slowloris) is closed when this runs out, idle keep-alive ones too.
  std::chrono::milliseconds header_timeout{10'000};
  // From the headers to the body's last byte, and for writing the answer
  // to a client that does not read it.
  std::chrono::milliseconds body_timeout{30'000};
  // Connections open at once; more are closed on arrival.
  size_t max_connections = 1024;
};

// The id of the request this thread is handling, "" outside a handler: the
// caller's X-Request-Id when it is a plain token of at most 64 characters,
// else one the server makes. The answer carries it back in X-Request-Id,
// and the log lines written while handling it name it, so an operator
// finds what a caller quotes.
const std::string& current_request_id();

class HttpServer {
 public:
  // Binds host:port (port 0: any free port) and starts `threads` workers.
  // An address that cannot be bound is an error naming it.
  static Result<std::unique_ptr<HttpServer>> start(const std::string& host, int port,
                                                   Handler handler, ServerOptions options);
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
