#pragma once
// The id a new case gets: "C" + 16 random hex digits, unique enough that
// two servers never pick the same one (the store's key refuses it if so).

#include <string>

namespace xueji::http {

std::string new_case_id();

}  // namespace xueji::http
