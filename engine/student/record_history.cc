#include "engine/student/record_history.h"

#include "engine/student/record_fields.h"

namespace xueji {

std::vector<FieldChange> changed_fields(const Student& before, const Student& after) {
  std::vector<FieldChange> out;
  for (const auto& field : record_field_names()) {
    std::string was = record_field(before, field), now = record_field(after, field);
    if (was != now) out.push_back(FieldChange{field, std::move(was), std::move(now)});
  }
  if (before.school != after.school)
    out.push_back(FieldChange{"school", before.school, after.school});
  return out;
}

}  // namespace xueji
