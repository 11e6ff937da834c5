#pragma once
// The id a new case gets: "C" + 16 random hex digits, unique enough that
// two servers never pick the same one (the store's key refuses it if so).
// An archive case an approval owes takes an id derived from the approving
// case's instead (archive_case_id, engine/case/archive_duty.h), so the
// duty and its opening agree on it without a lookup.

#include <string>

namespace xueji::http {

std::string new_case_id();

}  // namespace xueji::http
