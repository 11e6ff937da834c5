#pragma once
// A client that sends bytes exactly as given, for requests no well-behaved
// client would make (truncated, pipelined, half-sent), and reads what comes
// back until the server closes or `wait` passes.

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "tests/http/http_client.h"

namespace xueji::test {

struct RawAnswers {
  std::vector<HttpAnswer> answers;  // in the order the server wrote them
  std::vector<std::string> retry_after;
  std::vector<std::string> request_id;  // X-Request-Id
  bool closed = false;                  // the server closed the connection within `wait`
};

// A connected socket to 127.0.0.1:port; its reads give up after `wait`.
inline boost::asio::ip::tcp::socket raw_connect(boost::asio::io_context& io, int port,
                                                std::chrono::milliseconds wait) {
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  timeval tv{};
  tv.tv_sec = static_cast<long>(wait.count() / 1000);
  tv.tv_usec = static_cast<long>((wait.count() % 1000) * 1000);
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return socket;
}

// Reads until the server closes (true) or a read waits past the socket's
// timeout (false).
inline bool read_to_close(boost::asio::ip::tcp::socket& socket, std::string& into) {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::recv(socket.native_handle(), chunk, sizeof chunk, 0);
    if (n > 0) {
      into.append(chunk, static_cast<size_t>(n));
      continue;
    }
    return n == 0 || errno == ECONNRESET;
  }
}

// The answers in `raw`, one after another.
inline RawAnswers parse_answers(const std::string& raw) {
  namespace bhttp = boost::beast::http;
  RawAnswers out;
  size_t at = 0;
  while (at < raw.size()) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.eager(true);
    parser.body_limit(16 * 1024 * 1024);
    boost::beast::error_code ec;
    while (!parser.is_done() && at < raw.size()) {
      const size_t used = parser.put(boost::asio::buffer(raw.data() + at, raw.size() - at), ec);
      at += used;
      if (ec || used == 0) break;
    }
    if (!parser.is_done()) break;
    HttpAnswer answer;
    answer.status = static_cast<int>(parser.get().result_int());
    answer.content_type = std::string(parser.get()[bhttp::field::content_type]);
    answer.body = parser.get().body();
    out.retry_after.push_back(std::string(parser.get()["Retry-After"]));
    out.request_id.push_back(std::string(parser.get()["X-Request-Id"]));
    out.answers.push_back(std::move(answer));
  }
  return out;
}

// The method and target of each request in `bytes`, in order, as far as
// they parse; a request whose head does not parse ends the list with the
// words of its first line (what the server was sent, for the record).
inline std::vector<std::pair<std::string, std::string>> request_heads(const std::string& bytes) {
  namespace bhttp = boost::beast::http;
  std::vector<std::pair<std::string, std::string>> out;
  size_t at = 0;
  while (at < bytes.size()) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.eager(true);
    parser.body_limit(16 * 1024 * 1024);
    boost::beast::error_code ec;
    size_t used_total = 0;
    while (!parser.is_done() && at + used_total < bytes.size()) {
      const size_t used = parser.put(
          boost::asio::buffer(bytes.data() + at + used_total, bytes.size() - at - used_total), ec);
      used_total += used;
      if (ec || used == 0) break;
    }
    if (parser.is_header_done()) {
      out.emplace_back(std::string(parser.get().method_string()),
                       std::string(parser.get().target()));
    } else {
      const std::string line = bytes.substr(at, bytes.find('\n', at) - at);
      const size_t space = line.find(' ');
      const size_t second = space == std::string::npos ? space : line.find(' ', space + 1);
      out.emplace_back(line.substr(0, space), space == std::string::npos
                                                  ? ""
                                                  : line.substr(space + 1, second - space - 1));
    }
    if (!parser.is_done()) break;
    at += used_total;
  }
  return out;
}

// Sends `bytes` as they are and collects the answers; each is recorded as
// http_call's are (XUEJI_RECORD_ANSWERS), under its request's method and
// target.
inline RawAnswers raw_call(int port, const std::string& bytes,
                           std::chrono::milliseconds wait = std::chrono::milliseconds(5000)) {
  boost::asio::io_context io;
  auto socket = raw_connect(io, port, wait);
  boost::beast::error_code ec;
  boost::asio::write(socket, boost::asio::buffer(bytes), ec);
  std::string raw;
  const bool closed = read_to_close(socket, raw);
  RawAnswers out = parse_answers(raw);
  out.closed = closed;
  const auto heads = request_heads(bytes);
  for (size_t i = 0; i < out.answers.size(); ++i) {
    const auto head = i < heads.size() ? heads[i] : std::pair<std::string, std::string>{};
    record_answer(head.first, head.second, out.answers[i]);
  }
  return out;
}

}  // namespace xueji::test
