#include "engine/core/files_version.h"

#include "engine/core/sha256.h"

namespace xueji {
namespace {

// The length of the folder every path lies in, its '/' included; 0 when
// they share none.
size_t shared_folder_length(const std::vector<VersionedFile>& files) {
  if (files.empty()) return 0;
  const std::string& first = files.front().path;
  size_t end = first.rfind('/');
  end = end == std::string::npos ? 0 : end + 1;
  for (const auto& f : files) {
    size_t same = 0;
    while (same < end && same < f.path.size() && f.path[same] == first[same]) ++same;
    end = first.rfind('/', same == 0 ? 0 : same - 1);
    end = (end == std::string::npos || same == 0) ? 0 : end + 1;
  }
  return end;
}

}  // namespace

std::string files_version(const std::vector<VersionedFile>& files) {
  const size_t folder = shared_folder_length(files);
  std::string fingerprint;
  for (const auto& f : files) {
    fingerprint += f.path.substr(folder);
    fingerprint += '\0';
    fingerprint += f.text;
    fingerprint += '\0';
  }
  return sha256_hex(fingerprint);
}

}  // namespace xueji
