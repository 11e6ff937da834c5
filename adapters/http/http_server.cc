#include "adapters/http/http_server.h"

#include "adapters/http/problem.h"

#include <sys/socket.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace xueji::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct HttpServer::Impl {
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  Handler handler;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::vector<std::thread> workers;
  std::mutex accept_mutex;
  std::mutex connections_mutex;
  std::set<int> connections;  // native handles of open connections

  void serve_connection(tcp::socket socket);
  void run_worker();
};

void HttpServer::Impl::serve_connection(tcp::socket socket) {
  const int fd = socket.native_handle();
  {
    std::lock_guard<std::mutex> lock(connections_mutex);
    connections.insert(fd);
  }
  struct Forget {
    Impl* impl;
    int fd;
    ~Forget() {
      std::lock_guard<std::mutex> lock(impl->connections_mutex);
      impl->connections.erase(fd);
    }
  } forget{this, fd};
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    parser.header_limit(16 * 1024);
    bhttp::read(socket, buffer, parser, ec);
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof) return;
    Response response;
    bool keep_alive = false;
    if (ec == bhttp::error::body_limit) {
      response = problem(413, "body_too_large",
                         "bodies are limited to " + std::to_string(kMaxBodyBytes) + " bytes");
    } else if (ec) {
      response = problem(400, "malformed_request", ec.message());
    } else {
      auto& req = parser.get();
      Request request;
      request.method = std::string(req.method_string());
      request.target = std::string(req.target());
      for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[name] = std::string(field.value());
      }
      request.body = req.body();
      keep_alive = req.keep_alive();
      ++in_flight;
      try {
        response = handler(request);
      } catch (const std::exception&) {
        response = problem(500, "internal_error", "unexpected failure");
      }
      --in_flight;
    }
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), 11};
    res.set(bhttp::field::server, "xueji");
    res.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) res.set(name, value);
    res.keep_alive(keep_alive && !stopping);
    res.body() = std::move(response.body);
    res.prepare_payload();
    bhttp::write(socket, res, ec);
    if (ec || !res.keep_alive()) break;
  }
  socket.shutdown(tcp::socket::shutdown_send, ec);
}

void HttpServer::Impl::run_worker() {
  while (!stopping) {
    beast::error_code ec;
    tcp::socket socket{io};
    {
      std::lock_guard<std::mutex> lock(accept_mutex);
      if (stopping) return;
      acceptor.accept(socket, ec);
    }
    if (ec || stopping) continue;
    serve_connection(std::move(socket));
  }
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<HttpServer>> HttpServer::start(const std::string& host, int port,
                                                      Handler handler, int threads) {
  auto impl = std::make_unique<Impl>();
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
  Impl* raw = impl.get();
  for (int i = 0; i < threads; ++i) raw->workers.emplace_back([raw] { raw->run_worker(); });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

int HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::stop() {
  if (impl_->stopping.exchange(true)) return;
  beast::error_code ec;
  // Wake the workers blocked in accept by connecting to ourselves.
  auto local = impl_->acceptor.local_endpoint(ec);
  if (local.address().is_unspecified()) local.address(asio::ip::make_address("127.0.0.1"));
  for (size_t i = 0; i < impl_->workers.size(); ++i) {
    tcp::socket poke{impl_->io};
    poke.connect(local, ec);
  }
  // Drain: requests in flight are answered (SIGTERM loses no acknowledged
  // request), then idle keep-alive connections are closed under the workers.
  for (int i = 0; i < 500 && impl_->in_flight > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    std::lock_guard<std::mutex> lock(impl_->connections_mutex);
    for (int fd : impl_->connections) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : impl_->workers) {
    if (t.joinable()) t.join();
  }
  impl_->acceptor.close(ec);
}

HttpServer::~HttpServer() { stop(); }

}  // namespace xueji::http
