#include "adapters/cli/config_where.h"

namespace xueji::cli {

std::string config_where(const std::string& path, const YAML::Node& node,
                         const std::string& section) {
  return path + ":" + std::to_string(node.Mark().line + 1) + ": " +
         (section.empty() ? std::string() : section + ": ");
}

}  // namespace xueji::cli
