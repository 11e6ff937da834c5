#include "engine/student/student_registry.h"

#include "engine/student/registration_number.h"

namespace xueji {
namespace {

bool is_live(const Student& s) { return !is_closed(s.status); }

}  // namespace

Status StudentRegistry::check_number_free(const std::string& number) const {
  auto it = by_number_.find(number);
  if (it == by_number_.end()) return Status();
  return make_error("duplicate_registration", "registration " + number + " already exists (" +
                                                  std::string(to_string(it->second.status)) +
                                                  ") at school " + it->second.school +
                                                  "; a person keeps one registration for life");
}

Status StudentRegistry::check_not_registered(std::string_view resident_id) const {
  if (resident_id.empty()) return Status();
  if (const Student* existing = find_by_resident_id(resident_id)) {
    // Art. 9: duplicate registrations are refused at the moment of creation.
    return make_error("duplicate_registration",
                      "resident ID " + std::string(resident_id) + " is already registered as " +
                          existing->registration_number + " at school " + existing->school);
  }
  return Status();
}

Result<Student> StudentRegistry::register_student(const NewStudent& r, Date today) {
  if (r.name.empty()) return make_error("missing_field", "a student needs a name");
  if (auto stage = stage_of_grade(r.grade); !stage) return stage.error();
  if (r.school.empty()) return make_error("missing_field", "a student needs a school");
  Student s;
  s.name = r.name;
  s.school = r.school;
  s.grade = r.grade;
  s.resident_id = r.resident_id;
  if (!r.resident_id.empty()) {
    auto id = validate_resident_id(r.resident_id, today);
    if (!id) return id.error();
    if (r.birth_date && *r.birth_date != id->birth_date) {
      return make_error("invalid_field", "birth date " + r.birth_date->to_string() +
                                             " disagrees with resident ID " + r.resident_id + " (" +
                                             id->birth_date.to_string() + ")");
    }
    if (r.gender && *r.gender != id->gender) {
      return make_error("invalid_field", "gender " + std::string(to_string(*r.gender)) +
                                             " disagrees with resident ID " + r.resident_id);
    }
    if (Status dup = check_not_registered(r.resident_id); !dup) return dup.error();
    s.birth_date = id->birth_date;
    s.gender = id->gender;
    if (r.identity_verified) {
      s.registration_number = g_number(r.resident_id);
    } else {
      const std::string key = id->division_code + id->birth_date.to_string();
      int& serial = l_serials_[key];
      // Skip numbers restored from a store or retired: never reused.
      while (serial <= 9999 &&
             (by_number_.count(l_number(id->division_code, id->birth_date, serial)) ||
              retired_.count(l_number(id->division_code, id->birth_date, serial)))) {
        ++serial;
      }
      if (serial > 9999) return make_error("exhausted", "no L numbers left for " + key);
      s.registration_number = l_number(id->division_code, id->birth_date, serial++);
    }
  } else {
    if (!r.birth_date || !r.gender) {
      return make_error("missing_field",
                        "a student without a resident ID needs birth_date and gender");
    }
    s.birth_date = *r.birth_date;
    s.gender = *r.gender;
    while (by_number_.count(j_number(next_j_)) != 0) ++next_j_;
    s.registration_number = j_number(next_j_++);
  }
  // One registration for life (Art. 8): a person registered before and since
  // deregistered keeps that G number, whose record is the archive.
  if (Status taken = check_number_free(s.registration_number); !taken) return taken.error();
  by_number_.emplace(s.registration_number, s);
  if (!s.resident_id.empty()) live_by_resident_id_[s.resident_id] = s.registration_number;
  return s;
}

Result<Student> StudentRegistry::verify_identity(std::string_view number, Date today) {
  auto found = mutable_find(number);
  if (!found) return found.error();
  Student old = **found;
  if (old.registration_number[0] != 'L') {
    return make_error("invalid_field", std::string(number) + " is not a temporary L number");
  }
  auto id = validate_resident_id(old.resident_id, today);
  if (!id) return id.error();
  Student verified = old;
  verified.registration_number = g_number(old.resident_id);
  if (Status taken = check_number_free(verified.registration_number); !taken) return taken.error();
  by_number_.erase(old.registration_number);
  retired_[old.registration_number] = true;
  by_number_.emplace(verified.registration_number, verified);
  live_by_resident_id_[verified.resident_id] = verified.registration_number;
  return verified;
}

const Student* StudentRegistry::find(std::string_view number) const {
  auto it = by_number_.find(number);
  return it == by_number_.end() ? nullptr : &it->second;
}

const Student* StudentRegistry::find_by_resident_id(std::string_view resident_id) const {
  auto it = live_by_resident_id_.find(resident_id);
  if (it == live_by_resident_id_.end()) return nullptr;
  const Student* s = find(it->second);
  return s != nullptr && is_live(*s) ? s : nullptr;
}

Result<Student*> StudentRegistry::mutable_find(std::string_view number) {
  auto it = by_number_.find(number);
  if (it == by_number_.end()) {
    return make_error("unknown_student", "no registration '" + std::string(number) + "'");
  }
  return &it->second;
}

Result<Student> StudentRegistry::change_status(std::string_view number, StudentStatus to) {
  auto found = mutable_find(number);
  if (!found) return found.error();
  if (Status legal = check_status_change((*found)->status, to); !legal) return legal.error();
  (*found)->status = to;
  return **found;
}

Result<Student> StudentRegistry::move_school(std::string_view number, std::string_view school) {
  auto found = mutable_find(number);
  if (!found) return found.error();
  (*found)->school = std::string(school);
  return **found;
}

Result<Student> StudentRegistry::set_grade(std::string_view number, int grade) {
  auto found = mutable_find(number);
  if (!found) return found.error();
  if (auto stage = stage_of_grade(grade); !stage) return stage.error();
  (*found)->grade = grade;
  return **found;
}

Result<Student> StudentRegistry::set_special_needs(std::string_view number, bool marked) {
  auto found = mutable_find(number);
  if (!found) return found.error();
  (*found)->special_needs = marked;
  return **found;
}

Result<Student> StudentRegistry::replace(const Student& after) {
  auto found = mutable_find(after.registration_number);
  if (!found) return found.error();
  Student& record = **found;
  if (after.resident_id != record.resident_id && is_live(after)) {
    if (Status dup = check_not_registered(after.resident_id); !dup) return dup.error();
  }
  if (auto stage = stage_of_grade(after.grade); !stage) return stage.error();
  auto indexed = live_by_resident_id_.find(record.resident_id);
  if (indexed != live_by_resident_id_.end() && indexed->second == record.registration_number) {
    live_by_resident_id_.erase(indexed);
  }
  record = after;
  if (!record.resident_id.empty() && is_live(record)) {
    live_by_resident_id_[record.resident_id] = record.registration_number;
  }
  return record;
}

Result<Student> StudentRegistry::reopen(const Student& reopened) {
  auto found = mutable_find(reopened.registration_number);
  if (!found) return found.error();
  if (is_live(**found)) {
    return make_error("record_closed", "registration " + reopened.registration_number +
                                           " is live at school " + (*found)->school);
  }
  if (Status dup = check_not_registered(reopened.resident_id); !dup) return dup.error();
  **found = reopened;
  if (!reopened.resident_id.empty() && is_live(reopened)) {
    live_by_resident_id_[reopened.resident_id] = reopened.registration_number;
  }
  return **found;
}

Status StudentRegistry::restore(const Student& s) {
  if (by_number_.count(s.registration_number) != 0 || retired_.count(s.registration_number) != 0) {
    return make_error("duplicate_registration",
                      "registration " + s.registration_number + " exists");
  }
  if (is_live(s)) {
    if (Status dup = check_not_registered(s.resident_id); !dup) return dup;
  }
  by_number_.emplace(s.registration_number, s);
  if (!s.resident_id.empty() && is_live(s))
    live_by_resident_id_[s.resident_id] = s.registration_number;
  return Status();
}

}  // namespace xueji
