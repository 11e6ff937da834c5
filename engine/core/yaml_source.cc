#include "engine/core/yaml_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace xueji {

namespace {

// Walks every node as a reader would (aliases expanded), without recursion,
// and refuses what would make that walk, or the reader's copy, unbounded.
void check_bounds(const YamlSource& yaml, size_t text_bytes) {
  // A document without aliases has fewer nodes than bytes; aliases may
  // reuse a part a few times, not multiply it.
  const size_t most_nodes = 10 * text_bytes + 10'000;
  struct Visit {
    YAML::Node node;
    size_t depth;
  };
  std::vector<Visit> todo{{yaml.root(), 0}};
  std::vector<YAML::Node> path;  // the ancestors of the node being visited
  size_t visited = 0;
  while (!todo.empty()) {
    Visit v = std::move(todo.back());
    todo.pop_back();
    path.resize(v.depth);
    if (++visited > most_nodes) {
      yaml.fail(v.node, "aliases expand the document past " + std::to_string(most_nodes) +
                            " nodes (" + std::to_string(text_bytes) + " bytes): refused");
    }
    if (v.node.IsScalar() && v.node.Scalar().size() > YamlSource::kMaxScalarBytes) {
      yaml.fail(v.node, "a value of " + std::to_string(v.node.Scalar().size()) +
                            " bytes; values are limited to " +
                            std::to_string(YamlSource::kMaxScalarBytes));
    }
    if (!v.node.IsMap() && !v.node.IsSequence()) continue;
    for (const auto& ancestor : path) {
      if (ancestor.is(v.node)) yaml.fail(v.node, "an alias refers to a node that contains it");
    }
    path.push_back(v.node);
    for (const auto& entry : v.node) {
      if (v.node.IsMap()) {
        todo.push_back({entry.first, v.depth + 1});
        todo.push_back({entry.second, v.depth + 1});
      } else {
        todo.push_back({entry, v.depth + 1});
      }
    }
  }
}

}  // namespace

YamlSource::YamlSource(std::string file, const std::string& text) : file_(std::move(file)) {
  if (text.size() > kMaxBytes) {
    throw SourceError(file_ + ":1: the file is " + std::to_string(text.size()) +
                      " bytes; YAML files are limited to " + std::to_string(kMaxBytes));
  }
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw SourceError(file_ + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  check_bounds(*this, text.size());
}

std::string YamlSource::where(const YAML::Node& at) const {
  const int line = at.IsDefined() ? at.Mark().line : -1;
  return file_ + ":" + std::to_string(line >= 0 ? line + 1 : 1);
}

void YamlSource::fail(const YAML::Node& at, const std::string& reason) const {
  throw SourceError(where(at) + ": " + reason);
}

void YamlSource::expect_map(const YAML::Node& map, const std::string& what,
                            const std::set<std::string>& allowed) const {
  if (!map.IsMap()) fail(map, what + " must be a mapping");
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    if (allowed.count(key) == 0) {
      std::string known;
      for (const auto& k : allowed) known += (known.empty() ? "" : ", ") + k;
      fail(entry.first, "unknown key '" + key + "' in " + what + " (known: " + known + ")");
    }
  }
}

const YAML::Node YamlSource::require(const YAML::Node& map, const std::string& key) const {
  const YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) fail(map, "missing '" + key + "'");
  return node;
}

std::string YamlSource::scalar(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, what + " must be a single value");
  return node.Scalar();
}

std::string YamlSource::required_string(const YAML::Node& map, const std::string& key) const {
  return scalar(require(map, key), "'" + key + "'");
}

int64_t YamlSource::integer(const YAML::Node& node, const std::string& what, int64_t min,
                            int64_t max) const {
  const std::string text = scalar(node, what);
  int64_t value = 0;
  bool digits = !text.empty();
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) digits = false;
  for (; digits && i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || value > 1'000'000'000) {
      digits = false;
      break;
    }
    value = value * 10 + (text[i] - '0');
  }
  if (!digits) fail(node, what + " must be a whole number, not '" + text + "'");
  if (text[0] == '-') value = -value;
  if (value < min || value > max) {
    fail(node, what + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                   ", not " + text);
  }
  return value;
}

Date YamlSource::date(const YAML::Node& node, const std::string& what) const {
  auto parsed = Date::parse(scalar(node, what));
  if (!parsed) fail(node, what + ": " + parsed.error().message);
  return *parsed;
}

bool YamlSource::boolean(const YAML::Node& node, const std::string& what) const {
  const std::string text = scalar(node, what);
  if (text == "true") return true;
  if (text == "false") return false;
  fail(node, what + " must be true or false, not '" + text + "'");
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("unreadable_file", path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error("unreadable_file", path + ": read failed");
  return text.str();
}

Result<std::vector<std::string>> yaml_files_under(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error("unreadable_file", dir + ": not a directory");
  }
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto ext = it->path().extension();
    if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
      files.push_back(it->path().string());
    }
  }
  if (ec) return make_error("unreadable_file", dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace xueji
