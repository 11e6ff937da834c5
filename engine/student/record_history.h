#pragma once
// A record's history (Art. 8, 13: one record for life): every value each
// field had, with what changed it and when. A store keeps one entry per
// field a write changed.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/instant.h"
#include "engine/student/student.h"

namespace xueji {

struct FieldChange {
  std::string field;  // a record field (record_fields.h) or "school"
  std::string old_value;
  std::string new_value;
};

// The fields whose values differ between `before` and `after`, in the order
// of record_field_names(), then the school.
std::vector<FieldChange> changed_fields(const Student& before, const Student& after);

struct HistoryEntry {
  int64_t version = 0;  // the record's version after the write
  FieldChange change;
  std::string source;  // the case's id, or "correction:" + a run's id
  Instant at;
};

}  // namespace xueji
