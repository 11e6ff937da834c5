#pragma once
// A small HTTP/1.1 server on Boost.Beast: it parses requests (bodies over
// 64 KiB, over 8 MiB for a batch of registrations, are refused with 413
// before they are read whole), hands each to a handler and writes its
// answer, keeping connections alive. Reads are
// asynchronous and bounded in time, so a client that stops half-way holds
// no worker and is closed when its time is up. Beast and Asio stay inside
// http_server.cc; handlers see plain structs.
//
// Two sets of threads (issue 17): the I/O workers read, parse and write,
// and run only the handlers of requests said never to wait
// (ServerOptions::never_waits); the handler workers run the others.
// Handlers may answer later from any thread (the engine's, once a commit
// is durable). A request waiting for its answer holds no thread, so many
// connections can wait on the engine at once and share its group commits.

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
  std::string id;    // the request id (current_request_id())
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // beyond Content-Type
};

using Handler = std::function<Response(const Request&)>;
// Takes a request's answer; callable once, from any thread.
using Reply = std::function<void(Response)>;
// A handler that may answer after it returns: it hands `reply` on (to the
// engine's callback) instead of waiting. It must call it exactly once.
using AsyncHandler = std::function<void(const Request&, Reply)>;

constexpr size_t kMaxBodyBytes = 64 * 1024;
// POST /v1/students/batch's limit: a term's entrants in one request.
constexpr size_t kMaxBatchBodyBytes = 8 * 1024 * 1024;

struct ServerOptions {
  int threads = 2;  // the I/O workers: reading, parsing and writing only
  // The workers running handlers. A handler that reads the store holds one
  // while it reads; one that waits on the engine through its Reply holds
  // none.
  int handler_threads = 32;
  // From a connection's open (or its last answer) to its request's last
  // header line: a client that sends part of its headers and then nothing
  // (slowloris) is closed when this runs out, idle keep-alive ones too.
  std::chrono::milliseconds header_timeout{10'000};
  // From the headers to the body's last byte, and for writing the answer
  // to a client that does not read it.
  std::chrono::milliseconds body_timeout{30'000};
  // Connections open at once; more are closed on arrival.
  size_t max_connections = 1024;
  // A request this says yes to runs its handler on the I/O worker that
  // read it, not on a handler worker (issue 17: the hand-over was a thread
  // switch, and the kernel's switching was a third of the server's CPU a
  // request). Only for requests whose handler neither blocks nor runs
  // long: the I/O worker's other connections wait for it meanwhile.
  // Unset: every request goes to a handler worker.
  std::function<bool(const Request&)> never_waits;
};

// The id of the request this thread is handling, "" outside a handler: the
// caller's X-Request-Id when it is a plain token of at most 64 characters,
// else one the server makes. The answer carries it back in X-Request-Id,
// and the log lines written while handling it name it, so an operator
// finds what a caller quotes.
const std::string& current_request_id();

// Names `id` the current request's on this thread while it lives: an
// answer given on another thread (the engine's) logs under its request.
class RequestIdScope {
 public:
  explicit RequestIdScope(const std::string& id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;

 private:
  std::string previous_;
};

class HttpServer {
 public:
  // Binds host:port (port 0: any free port) and starts `threads` workers.
  // An address that cannot be bound is an error naming it.
  static Result<std::unique_ptr<HttpServer>> start(const std::string& host, int port,
                                                   Handler handler, ServerOptions options);
  static Result<std::unique_ptr<HttpServer>> start(const std::string& host, int port,
                                                   Handler handler, int threads = 4);
  // The same with a handler that answers through its Reply.
  static Result<std::unique_ptr<HttpServer>> start_async(const std::string& host, int port,
                                                         AsyncHandler handler,
                                                         ServerOptions options = {});
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
