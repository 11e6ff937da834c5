#include "engine/org/school_type.h"

#include <string>

#include "engine/org/org_tree.h"

namespace xueji {
namespace {

constexpr SchoolType kAll[] = {SchoolType::primary,     SchoolType::junior,
                               SchoolType::senior,      SchoolType::nine_year,
                               SchoolType::twelve_year, SchoolType::special_education,
                               SchoolType::specialised};

}  // namespace

std::string_view to_string(SchoolType type) {
  switch (type) {
    case SchoolType::primary:
      return "primary";
    case SchoolType::junior:
      return "junior";
    case SchoolType::senior:
      return "senior";
    case SchoolType::nine_year:
      return "nine_year";
    case SchoolType::twelve_year:
      return "twelve_year";
    case SchoolType::special_education:
      return "special_education";
    case SchoolType::specialised:
      return "specialised";
  }
  return "?";
}

Result<SchoolType> parse_school_type(std::string_view text) {
  std::string names;
  for (SchoolType type : kAll) {
    if (to_string(type) == text) return type;
    names += (names.empty() ? "" : ", ") + std::string(to_string(type));
  }
  return make_error("invalid_org",
                    "unknown school type '" + std::string(text) + "' (" + names + ")");
}

GradeRange grades_of(SchoolType type) {
  switch (type) {
    case SchoolType::primary:
      return {1, 6};
    case SchoolType::junior:
      return {7, 9};
    case SchoolType::senior:
      return {10, 12};
    case SchoolType::nine_year:
      return {1, 9};
    case SchoolType::twelve_year:
    case SchoolType::special_education:
      return {1, 12};
    case SchoolType::specialised:
      // Our reading: a 专门学校 (Law on the Prevention of Juvenile
      // Delinquency, Art. 43-46) takes minors with serious misbehaviour of
      // secondary-school age, and must keep their schooling going; it runs
      // the junior and senior stages, not the primary one.
      return {7, 12};
  }
  return {1, 12};
}

std::vector<int> promoted_across_stages(SchoolType type) {
  switch (type) {
    case SchoolType::nine_year:
      return {6};
    case SchoolType::twelve_year:
      return {6, 9};
    default:
      return {};
  }
}

Status check_grade_at_school(const OrgTree& orgs, std::string_view school, int grade) {
  const Org* org = orgs.find(school);
  if (org == nullptr || org->level != OrgLevel::school) {
    return make_error("unknown_org", "'" + std::string(school) + "' is not a known school");
  }
  if (!org->school_type) return Status();
  const GradeRange range = grades_of(*org->school_type);
  if (range.contains(grade)) return Status();
  return make_error("rule_refused", "school " + org->code + " (" + org->name + ") is a " +
                                        std::string(to_string(*org->school_type)) +
                                        " school teaching grades " + std::to_string(range.first) +
                                        "-" + std::to_string(range.last) + ", not grade " +
                                        std::to_string(grade) + " (Art. 2)");
}

}  // namespace xueji
