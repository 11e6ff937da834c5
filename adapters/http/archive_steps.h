#pragma once
// The archive's deadlines (Art. 6, 7), which follow other operations: a
// first registration gives the school two months to build the student's
// archive (archive_build), a reopened record or an approved change of
// school or of the record's fields one month to update it (archive_update).
// Each is a case like any other: the school confirms it, silence escalates.

#include <string>

#include "adapters/http/context.h"
#include "adapters/http/services.h"

namespace xueji::http {

// Opens a case of `kind` (archive_build, archive_update) on the record
// `registration_number` names, at its school and for it, after the
// operation `ctx` committed. Its audit entry names the caller, as the one
// whose operation started the deadline. The operation stands whatever
// happens here: a refusal (the record closed meanwhile) or a store failure
// is recorded on the audit trail as that entry's outcome (its code). A stop between
// the operation's commit and this one loses the deadline (docs/workflows.md).
void follow_with_archive_step(Services& s, const std::string& kind,
                              const std::string& registration_number, const Context& ctx);

}  // namespace xueji::http
