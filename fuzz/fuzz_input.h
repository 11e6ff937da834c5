#pragma once
// What the harnesses share: the fuzzer's bytes as text, split into the
// several files a loader reads at once.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace xueji::fuzz {

inline std::string as_text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A NUL byte separates files: no rule, calendar or org file holds one, and
// the fuzzer inserts it as easily as any other byte. The seeds are real
// files joined with NULs (fuzz/corpus/).
inline std::vector<std::string> split_files(const std::string& text) {
  std::vector<std::string> files;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find('\0', start);
    files.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) return files;
    start = end + 1;
  }
}

// A property the parser broke: reported as a crash, with the reason, so
// the input lands in a crash file like any other finding.
inline void require(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz: property broken: %s\n", what);
    std::abort();
  }
}

}  // namespace xueji::fuzz
