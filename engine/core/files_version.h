#pragma once
// The version of a set of rule or calendar files: a hash of each file's
// path below the folder they share and of its text. The same files read
// from another folder (a deployment's copy, the package's /usr/share, a
// relative or an absolute path) have the same version, so `xueji workflows
// check` and a server that loaded the files agree on it.

#include <string>
#include <vector>

namespace xueji {

struct VersionedFile {
  const std::string& path;
  const std::string& text;
};

// SHA-256 of the files in the order given, as 64 hex digits.
std::string files_version(const std::vector<VersionedFile>& files);

}  // namespace xueji
