#pragma once
// The id a new case gets: "C", the milliseconds since 1970 in 11 hex
// digits, then 10 random hex digits. Unique enough that two servers never
// pick the same one (the store's key refuses it if so), and in the order
// they were made, so that a new case's rows go at the end of each index
// on its id rather than at a random place in it: PostgreSQL wrote an
// intake's 100,000 archive duties in 0.29 s with such ids against 0.58 s
// with wholly random ones (docs/performance.md, "The September intake").
// An archive case an approval owes takes an id derived from the approving
// case's instead (archive_case_id, engine/case/archive_duty.h), so the
// duty and its opening agree on it without a lookup.

#include <string>

namespace xueji::http {

std::string new_case_id();

}  // namespace xueji::http
