#include "adapters/http/client_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <optional>

namespace xueji::http {
namespace {

std::string trimmed(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The 16 bytes of an address, IPv4 mapped into IPv6 (::ffff:a.b.c.d), so
// that one comparison serves both families.
std::optional<std::array<uint8_t, 16>> address_bytes(const std::string& text) {
  std::array<uint8_t, 16> bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
  }
  return std::nullopt;
}

bool is_v4_mapped(const std::array<uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

// The comma-separated entries of X-Forwarded-For, trimmed, left to right.
std::vector<std::string> hops(const std::string& header) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= header.size()) {
    const size_t comma = header.find(',', start);
    out.push_back(trimmed(
        header.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::string canonical_address(const std::string& text) {
  auto bytes = address_bytes(trimmed(text));
  if (!bytes) return "";
  char out[INET6_ADDRSTRLEN] = {};
  if (is_v4_mapped(*bytes)) {
    inet_ntop(AF_INET, bytes->data() + 12, out, sizeof out);
  } else {
    inet_ntop(AF_INET6, bytes->data(), out, sizeof out);
  }
  return out;
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies proxies;
  for (const auto& entry : entries) {
    const size_t slash = entry.find('/');
    auto bytes = address_bytes(trimmed(entry.substr(0, slash)));
    const Error bad = make_error("invalid_field", "trusted proxy '" + entry +
                                                      "' is neither an address nor a network "
                                                      "(10.0.0.0/8, fd00::/8)");
    if (!bytes) return bad;
    Network network;
    network.bytes = *bytes;
    const bool v4 = is_v4_mapped(*bytes) && entry.find(':') == std::string::npos;
    if (slash != std::string::npos) {
      const std::string bits = entry.substr(slash + 1);
      if (bits.empty() || bits.size() > 3 ||
          bits.find_first_not_of("0123456789") != std::string::npos) {
        return bad;
      }
      const int prefix = std::stoi(bits);
      if (prefix > (v4 ? 32 : 128)) return bad;
      network.prefix = v4 ? 96 + prefix : prefix;
    }
    proxies.networks_.push_back(network);
  }
  return proxies;
}

bool TrustedProxies::trusts(const std::string& address) const {
  auto bytes = address_bytes(address);
  if (!bytes) return false;
  for (const auto& n : networks_) {
    bool match = true;
    for (int bit = 0; bit < n.prefix && match; ++bit) {
      const uint8_t mask = static_cast<uint8_t>(0x80 >> (bit % 8));
      match = ((*bytes)[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::client_of(const std::string& peer,
                                      const std::string& forwarded_for) const {
  std::string client = canonical_address(peer);
  if (client.empty()) client = peer;
  if (!trusts(client) || forwarded_for.empty()) return client;
  const std::vector<std::string> entries = hops(forwarded_for);
  for (auto hop = entries.rbegin(); hop != entries.rend(); ++hop) {
    const std::string address = canonical_address(*hop);
    if (address.empty()) return client;  // garbage: keep the last vouched-for hop
    client = address;
    if (!trusts(address)) return client;
  }
  return client;
}

}  // namespace xueji::http
