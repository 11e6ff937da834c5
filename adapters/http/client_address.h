#pragma once
// Where a request comes from, for the throttle (throttle.h): the TCP
// peer's address, unless the peer is a proxy the configuration trusts
// (`trusted_proxies`). Only then is X-Forwarded-For read, from its right
// end: each trusted proxy appended the address it was called from, so the
// rightmost address that is not a trusted proxy is the client. Anything to
// its left was written by the client itself and could say anything, which
// is why a header from an untrusted peer is ignored whole.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/result.h"

namespace xueji::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody: the peer is the client

  // Each entry an address ("10.0.0.7", "::1") or a network in CIDR
  // notation ("10.0.0.0/8", "fd00::/8"); "invalid_field" names an entry
  // that is neither.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool trusts(const std::string& address) const;

  // The client's address: `peer` when it is not trusted, else the
  // rightmost entry of `forwarded_for` (the X-Forwarded-For header, lists
  // joined by commas) that is not trusted; the leftmost when all are. An
  // entry that is no address stops the walk at the hop to its right (the
  // last one a trusted proxy vouches for).
  std::string client_of(const std::string& peer, const std::string& forwarded_for) const;

 private:
  struct Network {
    std::array<uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix = 128;                 // leading bits that must match
  };
  std::vector<Network> networks_;
};

// `text` as one address in its canonical spelling (IPv4-mapped IPv6 as
// plain IPv4, "::FFFF:10.0.0.1" -> "10.0.0.1"); "" when it is no address.
std::string canonical_address(const std::string& text);

}  // namespace xueji::http
