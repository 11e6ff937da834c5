#pragma once
// A plain HTTP/1.1 client for the tests: one request per connection, over
// real TCP on loopback.

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace xueji::test {

struct HttpAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string www_authenticate;
  std::string request_id;        // X-Request-Id: the id the server's log lines name
  std::string content_language;  // Content-Language: zh-CN or en for a problem
  std::string retry_after;       // Retry-After: seconds, on a 429 or a 503
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// When XUEJI_RECORD_ANSWERS names a file, every answer a test receives is
// appended to it as one NDJSON line {method, target, status, content_type,
// content_language, body}, for tests/contract/validate_answers.py to check against
// docs/api/openapi.yaml: the document cannot drift from what the server
// says. A JSON body is kept as JSON, anything else as its text. One write
// per line on an O_APPEND descriptor, so tests running side by side do not
// interleave their lines.
inline void record_answer(const std::string& method, const std::string& target,
                          const HttpAnswer& answer) {
  const char* file = std::getenv("XUEJI_RECORD_ANSWERS");
  if (file == nullptr || *file == '\0' || answer.status == 0) return;
  nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
  const bool is_json = answer.content_type.find("json") != std::string::npos;
  if (!is_json || body.is_discarded()) body = answer.body;
  const nlohmann::json line{{"method", method},
                            {"target", target},
                            {"status", answer.status},
                            {"content_type", answer.content_type},
                            {"content_language", answer.content_language},
                            {"body", body}};
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const int fd = ::open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  const ssize_t written = ::write(fd, text.data(), text.size());
  (void)written;
  ::close(fd);
}

inline HttpAnswer http_call(int port, const std::string& method, const std::string& target,
                            const std::string& body = "",
                            const std::map<std::string, std::string>& headers = {}) {
  namespace beast = boost::beast;
  namespace bhttp = beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  req.keep_alive(false);
  bhttp::write(socket, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  beast::error_code ec;
  bhttp::read(socket, buffer, parser, ec);
  HttpAnswer answer;
  if (ec) return answer;
  answer.status = static_cast<int>(parser.get().result_int());
  answer.content_type = std::string(parser.get()[bhttp::field::content_type]);
  answer.body = parser.get().body();
  answer.www_authenticate = std::string(parser.get()[bhttp::field::www_authenticate]);
  answer.request_id = std::string(parser.get()["X-Request-Id"]);
  answer.content_language = std::string(parser.get()[bhttp::field::content_language]);
  answer.retry_after = std::string(parser.get()[bhttp::field::retry_after]);
  record_answer(method, target, answer);
  return answer;
}

}  // namespace xueji::test
