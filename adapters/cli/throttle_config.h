#pragma once
// The `throttle:` map of the server's configuration (config/xueji.yaml):
// the limits on wrong passwords and on requests without a valid token, and
// the trusted proxies (adapters/http/throttle_settings.h). Every key is
// optional; one that is unknown or out of range is a UsageError naming the
// file, its line and what is wrong.

#include <yaml-cpp/yaml.h>

#include <string>

#include "adapters/http/throttle_settings.h"

namespace xueji::cli {

http::ThrottleSettings read_throttle_settings(const std::string& path, const YAML::Node& node);

}  // namespace xueji::cli
