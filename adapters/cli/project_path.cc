#include <filesystem>

#include "adapters/cli/command_line.h"

namespace xueji::cli {

std::string resolve_project_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec) || fs::path(path).is_absolute()) return path;
  // Installed (the package's /usr/bin/xueji), the shipped data is in
  // ../share/xueji beside the program, whatever the prefix; a build tree
  // has no such folder and goes on to its sources.
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = program.parent_path().parent_path() / "share" / "xueji" / path;
    if (fs::exists(installed, ec)) return installed.string();
  }
#ifdef XUEJI_SOURCE_DIR
  const fs::path in_source = fs::path(XUEJI_SOURCE_DIR) / path;
  if (fs::exists(in_source, ec)) return in_source.string();
#endif
  return path;
}

}  // namespace xueji::cli
