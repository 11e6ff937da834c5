#pragma once
// Where in a configuration file a refused value stands, as every refusal of
// `xueji serve`'s settings begins: "<file>:<line>: " and, inside a section
// (standby, throttle, a webhook), its name and ": ".

#include <yaml-cpp/yaml.h>

#include <string>

namespace xueji::cli {

std::string config_where(const std::string& path, const YAML::Node& node,
                         const std::string& section = "");

}  // namespace xueji::cli
