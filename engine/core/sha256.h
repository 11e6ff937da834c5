#pragma once
// SHA-256 of a byte string, as 64 lowercase hex characters. Used for rule-set
// and calendar versions (content hashes) and for the audit hash chain.

#include <memory>
#include <string>
#include <string_view>

namespace xueji {

std::string sha256_hex(std::string_view data);

// The same digest of bytes given a piece at a time: what a file written as
// it is read (an export of a province's roster) hashes to, without holding
// the file in memory. hex() ends it; add() after it is not allowed.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void add(std::string_view data);
  std::string hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// HMAC-SHA256 of `data` under `key`, as hex: a keyed pseudonym that nobody
// without the key can compute or reverse by trying every input.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace xueji
