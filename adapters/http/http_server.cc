#include "adapters/http/http_server.h"

#include "adapters/http/problem.h"
#include "adapters/http/problem_language.h"
#include "adapters/http/request_id.h"

#include <sys/socket.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace xueji::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Headers that say one thing: given twice, a proxy and this server could
// each believe a different one (whose token, which key, what body).
bool singular(const std::string& name) {
  return name == "authorization" || name == "content-type" || name == "idempotency-key" ||
         name == "host" || name == "content-length";
}

// The wire request as the handlers see it; the name of a singular header
// given twice instead.
std::string plain_request(const bhttp::request<bhttp::string_body>& req, Request& request) {
  request.method = std::string(req.method_string());
  request.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (singular(name) && request.headers.count(name) != 0) return name;
    // A list header given on several lines is one list (RFC 9110, 5.3): a
    // proxy's X-Forwarded-For must not hide behind a client's own.
    if (name == "x-forwarded-for" && request.headers.count(name) != 0) {
      request.headers[name] += ", " + std::string(field.value());
      continue;
    }
    request.headers[name] = std::string(field.value());
  }
  request.body = req.body();
  return "";
}

// Ends of a connection that need no answer: the client left, or ran out
// of time (closing is the answer), or the server is closing it.
bool ends_quietly(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::bad_descriptor;
}

}  // namespace

// Named, not anonymous: the server's Impl holds a Lifeline.
namespace server_detail {
class Session;

// What a Reply may reach once its handler has returned: a Reply can outlive
// the server (the engine's callback holds it), so it holds this, never the
// server or a connection. While `open`, the connections waiting for their
// answer are kept alive here; stop() closes it under `mutex`, after which a
// Reply does nothing, and releases them while the io_context still stands.
struct Lifeline {
  std::mutex mutex;
  bool open = true;
  std::set<std::shared_ptr<Session>> awaiting;
};
}  // namespace server_detail

struct HttpServer::Impl {
  explicit Impl(ServerOptions o)
      : options(o), io(o.threads), handlers(static_cast<size_t>(o.handler_threads)) {}
  ServerOptions options;
  // Declared before the io_context, so they outlive it: a Session the
  // io_context's queue still holds at its end forgets itself here.
  std::mutex connections_mutex;
  std::set<int> connections;  // native handles of open connections
  asio::io_context io;
  // Keeps the I/O workers running while stop() drains: a request waiting
  // on its handler has no operation pending, and without this the workers
  // would leave once the acceptor closed, and the answer given during the
  // drain would sit in the queue unwritten.
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running{
      asio::make_work_guard(io)};
  asio::thread_pool handlers;  // runs AsyncHandler calls, never I/O
  tcp::acceptor acceptor{asio::make_strand(io)};
  int port = 0;
  AsyncHandler handler;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};  // requests read and not yet answered
  std::vector<std::thread> workers;
  std::shared_ptr<server_detail::Lifeline> lifeline = std::make_shared<server_detail::Lifeline>();

  void accept();
};

namespace server_detail {

// One connection: reads a request within the header and body time limits,
// runs the handler, writes the answer, and again while kept alive. Its
// operations run one after another on its own strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(HttpServer::Impl& server, tcp::socket socket)
      : server_(server), fd_(socket.native_handle()), stream_(std::move(socket)) {
    // Read once: a connection's peer never changes, and each
    // getpeername(2) is a system call, dear on this hypervisor (issue 17).
    beast::error_code peer_ec;
    const auto peer = stream_.socket().remote_endpoint(peer_ec);
    if (!peer_ec) peer_ = peer.address().to_string();
    std::lock_guard<std::mutex> lock(server_.connections_mutex);
    server_.connections.insert(fd_);
  }
  ~Session() { forget(); }

  void read_header() {
    parser_.emplace();
    parser_->body_limit(kMaxBatchBodyBytes);  // narrowed once the target is known
    parser_->header_limit(16 * 1024);
    stream_.expires_after(server_.options.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

 private:
  void on_header(beast::error_code ec, size_t) {
    if (ends_quietly(ec)) return close();
    if (ec) return refuse(ec);
    // Only a batch of registrations (POST /v1/students/batch) is larger.
    const std::string_view path(parser_->get().target().data(), parser_->get().target().size());
    body_limit_ =
        path.substr(0, path.find('?')) == "/v1/students/batch" ? kMaxBatchBodyBytes : kMaxBodyBytes;
    if (const auto declared = parser_->content_length(); declared && *declared > body_limit_) {
      return refuse(bhttp::error::body_limit);
    }
    parser_->body_limit(body_limit_);
    stream_.expires_after(server_.options.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, size_t) {
    if (ends_quietly(ec)) return close();
    if (ec) return refuse(ec);
    auto& req = parser_->get();
    Request request;
    if (const std::string twice = plain_request(req, request); !twice.empty()) {
      return write(in_callers_language(
                       problem(400, "malformed_request", "header '" + twice + "' is given twice")),
                   false);
    }
    request.peer = peer_;
    {
      // Kept alive by the lifeline until answered, not by its Reply.
      std::lock_guard<std::mutex> lock(server_.lifeline->mutex);
      if (!server_.lifeline->open) return close();
      server_.lifeline->awaiting.insert(shared_from_this());
    }
    ++server_.in_flight;
    counted_ = true;
    request.id = request_id_for(request);
    if (server_.options.never_waits && server_.options.never_waits(request)) {
      return run_handler(request, req.keep_alive());
    }
    // The handler runs on a handler worker; its answer comes back to this
    // connection's strand from whichever thread gives it.
    asio::post(server_.handlers,
               [self = shared_from_this(), request = std::move(request),
                keep_alive = req.keep_alive()]() { self->run_handler(request, keep_alive); });
  }

  void run_handler(const Request& request, bool keep_alive) {
    auto answered = std::make_shared<std::atomic<bool>>(false);
    Reply reply = [weak = std::weak_ptr<Session>(shared_from_this()), lifeline = server_.lifeline,
                   answered, keep_alive, id = request.id](Response response) {
      if (answered->exchange(true)) return;  // a handler answers once
      response.headers["X-Request-Id"] = id;
      std::lock_guard<std::mutex> lock(lifeline->mutex);
      auto self = weak.lock();
      if (!lifeline->open || !self) return;  // the server stopped: nobody to answer
      lifeline->awaiting.erase(self);
      asio::post(self->stream_.get_executor(),
                 [self, keep_alive, response = std::move(response)]() mutable {
                   self->write(std::move(response), keep_alive && !self->server_.stopping);
                 });
    };
    RequestIdScope named(request.id);
    try {
      server_.handler(request, reply);
    } catch (const std::exception& e) {
      reply(thrown(e));
    }
  }

  // A request the parser refused: answered, then the connection closes
  // (what follows on it cannot be framed).
  void refuse(const beast::error_code& ec) {
    if (ec == bhttp::error::body_limit) {
      return write(in_callers_language(
                       problem(413, "body_too_large",
                               "bodies are limited to " + std::to_string(body_limit_) + " bytes")),
                   false);
    }
    if (ec == bhttp::error::header_limit) {
      return write(in_callers_language(
                       problem(431, "headers_too_large", "headers are limited to 16384 bytes")),
                   false);
    }
    write(in_callers_language(problem(400, "malformed_request",
                                      "the request is not valid HTTP/1.1: " + ec.message())),
          false);
  }

  // A refusal before any route, in the language the caller's headers ask
  // for as far as they were read (none: Chinese, as for every problem).
  Response in_callers_language(Response response) {
    Request request;
    if (parser_) plain_request(parser_->get(), request);
    localise_problem(response, request);
    return response;
  }

  void write(Response response, bool keep_alive) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), 11);
    res->set(bhttp::field::server, "xueji");
    res->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) res->set(name, value);
    res->keep_alive(keep_alive);
    res->body() = std::move(response.body);
    res->prepare_payload();
    stream_.expires_after(server_.options.body_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, size_t) {
                         self->on_written(ec, res->keep_alive());
                       });
  }

  void on_written(beast::error_code ec, bool keep_alive) {
    if (counted_) {
      counted_ = false;
      --server_.in_flight;
    }
    if (ec || !keep_alive || server_.stopping) return close();
    read_header();
  }

  // Forgotten before the socket closes, so stop() never shuts a reused fd.
  void forget() {
    if (forgotten_) return;
    forgotten_ = true;
    std::lock_guard<std::mutex> lock(server_.connections_mutex);
    server_.connections.erase(fd_);
  }

  void close() {
    forget();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  HttpServer::Impl& server_;
  const int fd_;
  beast::tcp_stream stream_;
  std::string peer_;  // the TCP peer's address, "" if it could not be read
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  size_t body_limit_ = kMaxBodyBytes;  // the request's, once its target is read
  bool counted_ = false;
  bool forgotten_ = false;
};

}  // namespace server_detail

void HttpServer::Impl::accept() {
  // Each connection on a strand of its own: a handler busy on one never
  // waits for another's client.
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open()) return;
    if (!ec) {
      size_t open = 0;
      {
        std::lock_guard<std::mutex> lock(connections_mutex);
        open = connections.size();
      }
      if (open < options.max_connections) {
        std::make_shared<server_detail::Session>(*this, std::move(socket))->read_header();
      }  // else the socket closes here: the server is full
    }
    accept();
  });
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<HttpServer>> HttpServer::start(const std::string& host, int port,
                                                      Handler handler, int threads) {
  ServerOptions options;
  options.handler_threads = threads;
  return start(host, port, std::move(handler), options);
}

Result<std::unique_ptr<HttpServer>> HttpServer::start(const std::string& host, int port,
                                                      Handler handler, ServerOptions options) {
  return start_async(
      host, port,
      [handler = std::move(handler)](const Request& request, Reply reply) {
        reply(handler(request));
      },
      options);
}

Result<std::unique_ptr<HttpServer>> HttpServer::start_async(const std::string& host, int port,
                                                            AsyncHandler handler,
                                                            ServerOptions options) {
  options.threads = std::max(options.threads, 1);
  options.handler_threads = std::max(options.handler_threads, 1);
  auto impl = std::make_unique<Impl>(options);
  impl->handler = std::move(handler);
  beast::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return make_error("invalid_listen", "cannot listen on '" + host + "': " + ec.message());
  const tcp::endpoint endpoint{address, static_cast<unsigned short>(port)};
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return make_error("invalid_listen", "cannot listen on " + host + ":" + std::to_string(port) +
                                            ": " + ec.message());
  }
  impl->port = impl->acceptor.local_endpoint().port();
  Impl* raw = impl.get();
  // The accept is pending before the workers run, so they have work.
  raw->accept();
  for (int i = 0; i < options.threads; ++i) raw->workers.emplace_back([raw] { raw->io.run(); });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->port; }

void HttpServer::stop() {
  if (impl_->stopping.exchange(true)) return;
  Impl* raw = impl_.get();
  asio::post(raw->acceptor.get_executor(), [raw] {
    beast::error_code ec;
    raw->acceptor.close(ec);
  });
  // Drain: requests in flight are answered (SIGTERM loses no acknowledged
  // request), then idle keep-alive connections are closed under the workers.
  for (int i = 0; i < 500 && raw->in_flight > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // From here a Reply answers nothing; the connections it would have
  // answered are released below, before the io_context they need goes.
  std::set<std::shared_ptr<server_detail::Session>> unanswered;
  {
    std::lock_guard<std::mutex> lock(raw->lifeline->mutex);
    raw->lifeline->open = false;
    unanswered.swap(raw->lifeline->awaiting);
  }
  {
    std::lock_guard<std::mutex> lock(raw->connections_mutex);
    for (int fd : raw->connections) ::shutdown(fd, SHUT_RDWR);
  }
  // No Reply posts from here on; what was posted runs before the workers go.
  raw->keep_running.reset();
  for (auto& t : raw->workers) {
    if (t.joinable()) t.join();
  }
  raw->handlers.join();
  // Under the lifeline's lock: a Reply that locked its connection just
  // before finds the lifeline closed and lets go of it inside the lock, so
  // no connection's last owner is an engine thread after the server is gone.
  std::lock_guard<std::mutex> lock(raw->lifeline->mutex);
  unanswered.clear();
}

HttpServer::~HttpServer() { stop(); }

}  // namespace xueji::http
