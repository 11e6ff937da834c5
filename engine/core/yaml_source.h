#pragma once
// Reading operator-edited YAML files (calendars, workflow rules, org trees,
// scenarios) with errors that name the file, the line and the reason, the way
// an operator needs them: "config/calendars/national/2025.yaml:12: ...".
// Helpers throw SourceError internally; load functions catch it at their
// boundary and return it as an Error value, so nothing escapes engine/.

#include <yaml-cpp/yaml.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/calendar/date.h"
#include "engine/core/result.h"

namespace xueji {

class SourceError : public std::runtime_error {
 public:
  explicit SourceError(const std::string& what) : std::runtime_error(what) {}
};

// One YAML document being read, to attach its name to every error.
class YamlSource {
 public:
  // Parses `text`; a syntax error becomes a SourceError with its line.
  // Hostile files are refused in bounded time and memory (issue 18): more
  // than kMaxBytes, a scalar over kMaxScalarBytes, an alias that refers to
  // itself, or aliases expanding the document to more nodes than its size
  // allows ("billion laughs": yaml-cpp shares an alias's nodes, but every
  // reader walking them would visit each once per path).
  YamlSource(std::string file, const std::string& text);

  // A province's org tree (Guangdong's ~20,000 schools: ~2 MB) fits with
  // room; a national tree is loaded province by province.
  static constexpr size_t kMaxBytes = 8 * 1024 * 1024;
  static constexpr size_t kMaxScalarBytes = 64 * 1024;

  const YAML::Node& root() const { return root_; }
  const std::string& file() const { return file_; }

  // "file:line: reason" for the node's line (1-based).
  [[noreturn]] void fail(const YAML::Node& at, const std::string& reason) const;
  std::string where(const YAML::Node& at) const;

  // Refuses keys of `map` not in `allowed`: a typo in a rule file is an error,
  // not a silently ignored setting.
  void expect_map(const YAML::Node& map, const std::string& what,
                  const std::set<std::string>& allowed) const;
  const YAML::Node require(const YAML::Node& map, const std::string& key) const;
  std::string scalar(const YAML::Node& node, const std::string& what) const;
  std::string required_string(const YAML::Node& map, const std::string& key) const;
  int64_t integer(const YAML::Node& node, const std::string& what, int64_t min, int64_t max) const;
  Date date(const YAML::Node& node, const std::string& what) const;
  bool boolean(const YAML::Node& node, const std::string& what) const;

 private:
  std::string file_;
  YAML::Node root_;
};

// Runs `body`, turning a SourceError or YAML exception into an Error value
// with code `invalid_file`.
template <typename T, typename Body>
Result<T> read_source(const std::string& file, Body&& body) {
  try {
    return body();
  } catch (const SourceError& e) {
    return make_error("invalid_file", e.what());
  } catch (const YAML::Exception& e) {
    return make_error("invalid_file", file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

// Reads a whole file; an unreadable file is an error naming it.
Result<std::string> read_text_file(const std::string& path);
// Every *.yaml / *.yml file under `dir`, recursively, sorted by path.
Result<std::vector<std::string>> yaml_files_under(const std::string& dir);

}  // namespace xueji
