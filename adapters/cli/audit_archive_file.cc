#include "adapters/cli/audit_archive_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/sha256.h"

namespace xueji::cli {
namespace {

using nlohmann::json;

json to_json(const AuditEntry& e) {
  return json{{"seq", e.seq},         {"at", e.at.unix_seconds()}, {"account", e.account},
              {"org", e.org},         {"action", e.action},        {"target", e.target},
              {"outcome", e.outcome}, {"detail", e.detail},        {"prev_hash", e.prev_hash},
              {"hash", e.hash}};
}

// Data and name both reach the disk before the caller deletes the entries
// from the store: a crash leaves the entries in the store, never nowhere.
Status write_durably(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".partial";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0640);
  if (fd < 0) return make_error("archive_failed", "cannot create " + temporary);
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      return make_error("archive_failed", "cannot write " + temporary);
    }
    written += static_cast<size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return make_error("archive_failed", "cannot flush " + temporary + " to disk");
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    return make_error("archive_failed", "cannot rename " + temporary + " to " + path);
  const std::string dir = path.substr(0, path.find_last_of('/') + 1);
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status();
}

}  // namespace

Result<std::string> write_audit_archive(const std::string& path,
                                        const std::vector<AuditEntry>& entries) {
  std::string bytes;
  for (const auto& e : entries) bytes += to_json(e).dump() + "\n";
  if (Status written = write_durably(path, bytes); !written) return written.error();
  return sha256_hex(bytes);
}

Result<AuditArchiveFile> read_audit_archive(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("archive_missing", path + ": no such file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  AuditArchiveFile file;
  file.sha256 = sha256_hex(bytes);
  std::istringstream lines(bytes);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    try {
      const json j = json::parse(line);
      AuditEntry e;
      e.seq = j.at("seq").get<int64_t>();
      e.at = Instant::from_unix_seconds(j.at("at").get<int64_t>());
      e.account = j.at("account").get<std::string>();
      e.org = j.at("org").get<std::string>();
      e.action = j.at("action").get<std::string>();
      e.target = j.at("target").get<std::string>();
      e.outcome = j.at("outcome").get<std::string>();
      e.detail = j.at("detail").get<std::string>();
      e.prev_hash = j.at("prev_hash").get<std::string>();
      e.hash = j.at("hash").get<std::string>();
      file.entries.push_back(std::move(e));
    } catch (const json::exception& error) {
      return make_error("archive_unreadable", path + ":" + std::to_string(number) +
                                                  ": not an audit entry (" + error.what() + ")");
    }
  }
  return file;
}

std::string beijing_month(Instant at) { return at.beijing_date().to_string().substr(0, 7); }

}  // namespace xueji::cli
