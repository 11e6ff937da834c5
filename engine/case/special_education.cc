#include "engine/case/special_education.h"

#include "engine/org/school_type.h"

namespace xueji {

Result<bool> special_education_variant(const CaseKindRules& rules, const OpenCase& cmd,
                                       const OrgTree& orgs) {
  if (!rules.special_education || !cmd.student) return false;
  const Org* school = orgs.find(cmd.student->school);
  const bool at_special_school =
      school != nullptr && school->school_type == SchoolType::special_education;
  if (!at_special_school && !cmd.student->special_needs) return false;
  for (const auto& field : rules.special_education->required_fields) {
    auto it = cmd.fields.find(field);
    if (it == cmd.fields.end() || it->second.empty()) {
      return make_error("missing_field", "a " + cmd.kind +
                                             " of a special-education student needs '" + field +
                                             "', the expert committee's assessment it rests on (" +
                                             rules.special_education->article + ")");
    }
  }
  return true;
}

}  // namespace xueji
