#include <filesystem>

#include "adapters/cli/command_line.h"

namespace xueji::cli {

std::string resolve_project_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec) || fs::path(path).is_absolute()) return path;
#ifdef XUEJI_SOURCE_DIR
  const fs::path in_source = fs::path(XUEJI_SOURCE_DIR) / path;
  if (fs::exists(in_source, ec)) return in_source.string();
#endif
  return path;
}

}  // namespace xueji::cli
