#pragma once
// Paths of the project's shipped data, for tests that load the real files.

#include <string>

namespace xueji::test {

inline std::string project_path(const std::string& relative) {
  return std::string(XUEJI_SOURCE_DIR) + "/" + relative;
}

}  // namespace xueji::test
