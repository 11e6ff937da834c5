#include "adapters/http/console_routes.h"

#include <fstream>
#include <regex>
#include <sstream>

#include "adapters/http/problem.h"
#include "adapters/http/route_table.h"

namespace xueji::http {
namespace {

// The file's type by its ending; empty for a name the console never has
// (so no path can reach outside the console's directory).
std::string content_type_of(const std::string& name) {
  static const std::regex plain(R"([a-z0-9_-]+\.(html|js|css|svg|png))");
  std::smatch m;
  if (!std::regex_match(name, m, plain)) return "";
  const std::string ending = m[1];
  if (ending == "html") return "text/html; charset=utf-8";
  if (ending == "js") return "text/javascript; charset=utf-8";
  if (ending == "css") return "text/css; charset=utf-8";
  if (ending == "svg") return "image/svg+xml";
  return "image/png";
}

Response serve_file(const Services& s, const std::string& name) {
  const std::string type = content_type_of(name);
  if (type.empty() || s.console_dir.empty()) {
    return problem(404, "not_found", "no console file " + name);
  }
  std::ifstream in(s.console_dir + "/" + name, std::ios::binary);
  if (!in) return problem(404, "not_found", "no console file " + name);
  std::ostringstream body;
  body << in.rdbuf();
  // The page pins where scripts may come from: ours only.
  return Response{200,
                  type,
                  body.str(),
                  {{"Cache-Control", "no-cache"},
                   {"X-Content-Type-Options", "nosniff"},
                   {"Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"}}};
}

}  // namespace

Response console_page(Services& s, const Request&, Context&) { return serve_file(s, "index.html"); }

Response console_file(Services& s, const Request& r, Context&) {
  const auto parts = split_path(r.target);
  return serve_file(s, parts.size() == 2 ? parts[1] : "");
}

}  // namespace xueji::http
