#include "adapters/cli/standby_config.h"

#include "adapters/cli/command_line.h"
#include "adapters/cli/config_where.h"

namespace xueji::cli {
namespace {

int milliseconds(const std::string& path, const std::string& key, const YAML::Node& value, int min,
                 int max) {
  const std::string text = value.IsScalar() ? value.as<std::string>() : "";
  try {
    size_t used = 0;
    const double seconds = std::stod(text, &used);
    const int ms = static_cast<int>(seconds * 1000 + 0.5);
    if (used == text.size() && ms >= min && ms <= max) return ms;
  } catch (const std::exception&) {
  }
  throw UsageError(config_where(path, value, "standby") + key + " must be seconds from " +
                   std::to_string(min / 1000.0).substr(0, 3) + " to " + std::to_string(max / 1000) +
                   ", not '" + text + "'");
}

}  // namespace

StandbySettings read_standby_settings(const std::string& path, const YAML::Node& node) {
  StandbySettings s;
  if (node.IsNull()) return s;
  if (!node.IsMap()) throw UsageError(config_where(path, node, "standby") + "must be a map");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (key == "enabled") {
      s.enabled = value.as<bool>();
    } else if (key == "lease_seconds") {
      s.ttl_ms = milliseconds(path, key, value, 500, 5000);
    } else if (key == "renew_seconds") {
      s.renew_ms = milliseconds(path, key, value, 100, 5000);
    } else if (key == "advertise") {
      s.advertise = value.as<std::string>();
    } else {
      throw UsageError(config_where(path, entry.first, "standby") + "unknown key '" + key +
                       "' (enabled, lease_seconds, renew_seconds, advertise)");
    }
  }
  if (s.renew_ms * 3 > s.ttl_ms) {
    throw UsageError(config_where(path, node, "standby") +
                     "renew_seconds must be at most a third of "
                     "lease_seconds, so that one late renewal keeps it");
  }
  return s;
}

}  // namespace xueji::cli
