#include "engine/student/record_fields.h"

#include <algorithm>

#include "engine/student/resident_id.h"

namespace xueji {
namespace {

Error bad_value(std::string_view field, const std::string& value, const std::string& why) {
  return make_error("invalid_field", "field '" + std::string(field) + "': '" + value + "' " + why);
}

size_t code_points(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

const std::vector<std::string>& record_field_names() {
  static const std::vector<std::string> names = {"name",  "resident_id", "birth_date",   "gender",
                                                 "grade", "status",      "special_needs"};
  return names;
}

bool is_record_field(std::string_view field) {
  const auto& names = record_field_names();
  return std::find(names.begin(), names.end(), field) != names.end();
}

bool is_base_field(std::string_view field) {
  return field == "name" || field == "resident_id" || field == "birth_date" || field == "gender";
}

bool superior_approves_change_of(std::string_view field) {
  return is_base_field(field) || field == "special_needs";
}

std::string record_field(const Student& s, std::string_view field) {
  if (field == "name") return s.name;
  if (field == "resident_id") return s.resident_id;
  if (field == "birth_date") return s.birth_date.to_string();
  if (field == "gender") return std::string(to_string(s.gender));
  if (field == "grade") return std::to_string(s.grade);
  if (field == "status") return std::string(to_string(s.status));
  if (field == "special_needs") return s.special_needs ? "true" : "false";
  return "";
}

Status set_record_field(Student& s, std::string_view field, const std::string& value,
                        std::optional<Date> today) {
  // Without a today, the latest date the calendar knows bounds nothing.
  const Date bound = today ? *today : Date::from_days(376199);  // 2999-12-31
  if (field == "name") {
    const size_t length = code_points(value);
    if (length == 0 || length > 50)
      return bad_value(field, value, "is not a name of 1-50 characters");
    s.name = value;
  } else if (field == "resident_id") {
    auto id = validate_resident_id(value, bound);
    if (!id) return bad_value(field, value, "is not a valid resident ID: " + id.error().message);
    s.resident_id = value;
  } else if (field == "birth_date") {
    auto date = Date::parse(value);
    if (!date || *date > bound) return bad_value(field, value, "is not a past date YYYY-MM-DD");
    s.birth_date = *date;
  } else if (field == "gender") {
    if (value == "male") {
      s.gender = Gender::male;
    } else if (value == "female") {
      s.gender = Gender::female;
    } else {
      return bad_value(field, value, "is not male or female");
    }
  } else if (field == "grade") {
    const bool digits =
        !value.empty() && value.size() <= 2 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int grade = digits ? std::stoi(value) : 0;
    if (grade < 1 || grade > 12) return bad_value(field, value, "is not a grade 1-12");
    s.grade = grade;
  } else if (field == "status") {
    auto status = parse_student_status(value);
    if (!status) return bad_value(field, value, "is not a student status");
    s.status = *status;
  } else if (field == "special_needs") {
    if (value != "true" && value != "false") return bad_value(field, value, "is not true or false");
    s.special_needs = value == "true";
  } else {
    return make_error("invalid_field", "'" + std::string(field) + "' is not a field of the record");
  }
  return Status();
}

Status check_record_agrees_with_id(const Student& s, Date today) {
  if (s.resident_id.empty()) return Status();
  auto id = validate_resident_id(s.resident_id, today);
  if (!id)
    return make_error("invalid_field", "resident ID " + s.resident_id + ": " + id.error().message);
  if (id->birth_date != s.birth_date) {
    return make_error("invalid_field", "birth date " + s.birth_date.to_string() +
                                           " disagrees with resident ID " + s.resident_id + " (" +
                                           id->birth_date.to_string() + ")");
  }
  if (id->gender != s.gender) {
    return make_error("invalid_field", "gender " + std::string(to_string(s.gender)) +
                                           " disagrees with resident ID " + s.resident_id);
  }
  return Status();
}

}  // namespace xueji
