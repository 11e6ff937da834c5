#include "adapters/cli/audit_archive_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace xueji::cli {
namespace {

using nlohmann::json;

// Written out a megabyte at a time: a few writes a month, not one per entry.
constexpr size_t kWriteBytes = 1 << 20;

json to_json(const AuditEntry& e) {
  return json{{"seq", e.seq},         {"at", e.at.unix_seconds()}, {"account", e.account},
              {"org", e.org},         {"action", e.action},        {"target", e.target},
              {"outcome", e.outcome}, {"detail", e.detail},        {"prev_hash", e.prev_hash},
              {"hash", e.hash}};
}

Result<AuditEntry> from_line(const std::string& path, int64_t number, const std::string& line) {
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
    return e;
  } catch (const json::exception& error) {
    return make_error("archive_unreadable", path + ":" + std::to_string(number) +
                                                ": not an audit entry (" + error.what() + ")");
  }
}

}  // namespace

Result<std::unique_ptr<AuditArchiveWriter>> AuditArchiveWriter::create(const std::string& path) {
  const std::string temporary = path + ".partial";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0640);
  if (fd < 0) return make_error("archive_failed", "cannot create " + temporary);
  return std::unique_ptr<AuditArchiveWriter>(new AuditArchiveWriter(path, fd));
}

AuditArchiveWriter::AuditArchiveWriter(std::string path, int fd)
    : path_(std::move(path)), fd_(fd) {}

AuditArchiveWriter::~AuditArchiveWriter() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::remove((path_ + ".partial").c_str());
}

Status AuditArchiveWriter::write_buffer() {
  size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n <= 0) return make_error("archive_failed", "cannot write " + path_ + ".partial");
    written += static_cast<size_t>(n);
  }
  buffer_.clear();
  return Status();
}

Status AuditArchiveWriter::add(const AuditEntry& entry) {
  std::string line = to_json(entry).dump();
  line += '\n';
  digest_.add(line);
  buffer_ += line;
  if (buffer_.size() >= kWriteBytes) return write_buffer();
  return Status();
}

// Data and name both reach the disk before the caller deletes the entries
// from the store: a crash leaves the entries in the store, never nowhere.
Result<std::string> AuditArchiveWriter::finish() {
  const std::string temporary = path_ + ".partial";
  if (Status written = write_buffer(); !written) return written.error();
  const bool synced = ::fsync(fd_) == 0;
  ::close(fd_);
  fd_ = -1;
  if (!synced || std::rename(temporary.c_str(), path_.c_str()) != 0) {
    std::remove(temporary.c_str());
    return make_error("archive_failed", synced ? "cannot rename " + temporary + " to " + path_
                                               : "cannot flush " + temporary + " to disk");
  }
  const std::string dir = path_.substr(0, path_.find_last_of('/') + 1);
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return digest_.hex();
}

Result<std::string> read_audit_archive(const std::string& path,
                                       const std::function<void(const AuditEntry&)>& each) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return make_error("archive_missing", path + ": no such file");
  Sha256Stream digest;
  std::string chunk(kWriteBytes, '\0');
  std::string line;  // the line the last chunk ended inside
  int64_t number = 0;
  std::optional<Error> fault;
  auto take = [&](const std::string& text) {
    if (fault) return;
    auto entry = from_line(path, ++number, text);
    if (!entry) {
      fault = entry.error();
      return;
    }
    each(*entry);
  };
  size_t got = 0;
  while ((got = std::fread(chunk.data(), 1, chunk.size(), file)) > 0) {
    const std::string_view read(chunk.data(), got);
    digest.add(read);
    size_t start = 0;
    for (size_t end; (end = read.find('\n', start)) != std::string_view::npos; start = end + 1) {
      line.append(read, start, end - start);
      take(line);
      line.clear();
    }
    line.append(read, start);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return make_error("archive_unreadable", path + ": cannot read");
  if (!line.empty()) take(line);
  if (fault) return *fault;
  return digest.hex();
}

std::string beijing_month(Instant at) { return at.beijing_date().to_string().substr(0, 7); }

}  // namespace xueji::cli
