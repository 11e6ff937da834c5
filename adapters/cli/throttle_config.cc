#include "adapters/cli/throttle_config.h"

#include <vector>

#include "adapters/cli/command_line.h"
#include "adapters/cli/config_where.h"

namespace xueji::cli {
namespace {

double number(const std::string& path, const std::string& key, const YAML::Node& value, double min,
              double max, bool whole) {
  const std::string text = value.IsScalar() ? value.as<std::string>() : "";
  try {
    size_t used = 0;
    const double n = std::stod(text, &used);
    if (used == text.size() && n >= min && n <= max && (!whole || n == static_cast<int>(n))) {
      return n;
    }
  } catch (const std::exception&) {
  }
  const std::string range =
      whole ? "a whole number from " + std::to_string(static_cast<int>(min)) + " to " +
                  std::to_string(static_cast<int>(max))
            : "a number above 0, at most " + std::to_string(static_cast<int>(max));
  throw UsageError(config_where(path, value, "throttle") + key + " must be " + range + ", not '" +
                   text + "'");
}

}  // namespace

http::ThrottleSettings read_throttle_settings(const std::string& path, const YAML::Node& node) {
  http::ThrottleSettings s;
  if (node.IsNull()) return s;
  if (!node.IsMap())
    throw UsageError(config_where(path, node, "throttle") + "must be a map of limits");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    const int day = 86400;
    if (key == "sign_in_failures") {
      s.sign_in_failures = static_cast<int>(number(path, key, value, 1, 1000, true));
    } else if (key == "sign_in_window_seconds") {
      s.sign_in_window_seconds = static_cast<int>(number(path, key, value, 1, day, true));
    } else if (key == "sign_in_block_seconds") {
      s.sign_in_block_seconds = static_cast<int>(number(path, key, value, 1, day, true));
    } else if (key == "anonymous_per_second") {
      // Above 0: a bucket that never refilled would shut anonymous callers
      // out for good.
      s.anonymous_per_second = number(path, key, value, 0.001, 1e6, false);
    } else if (key == "anonymous_burst") {
      s.anonymous_burst = static_cast<int>(number(path, key, value, 1, 1'000'000, true));
    } else if (key == "trusted_proxies") {
      if (!value.IsSequence()) {
        throw UsageError(config_where(path, value, "throttle") +
                         "trusted_proxies must be a list of addresses");
      }
      std::vector<std::string> entries;
      for (const auto& item : value) entries.push_back(item.as<std::string>());
      auto proxies = http::TrustedProxies::parse(entries);
      if (!proxies)
        throw UsageError(config_where(path, value, "throttle") + proxies.error().message);
      s.trusted_proxies = std::move(*proxies);
    } else {
      throw UsageError(config_where(path, entry.first, "throttle") + "unknown key '" + key +
                       "' (sign_in_failures, sign_in_window_seconds, sign_in_block_seconds, "
                       "anonymous_per_second, anonymous_burst, trusted_proxies)");
    }
  }
  return s;
}

}  // namespace xueji::cli
