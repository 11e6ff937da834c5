#pragma once
// The registrations, in memory: one person, one registration, for life
// (Art. 8, 12). The domain rules of registering live here; the store
// persists what this decides.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/result.h"
#include "engine/student/student.h"

namespace xueji {

struct NewStudent {
  std::string resident_id;  // "" when the student has no usable ID
  std::string name;
  std::string school;
  int grade = 0;
  // Without an ID these come from the request; with one they must agree
  // with it, or be left unset (then taken from the ID).
  std::optional<Date> birth_date;
  std::optional<Gender> gender;
  // False before national verification: a temporary L number is assigned.
  bool identity_verified = true;
};

class StudentRegistry {
 public:
  // Validates the request and assigns the number: G + ID when verified, an
  // L number before, a J number without an ID. A second live registration
  // of the same resident ID is refused at creation (Art. 9) with
  // "duplicate_registration" naming the existing number and school.
  Result<Student> register_student(const NewStudent& request, Date today);

  // Replaces an L number by the G number once the identity is verified; the
  // L number is retired and never handed out again.
  Result<Student> verify_identity(std::string_view l_number, Date today);

  const Student* find(std::string_view registration_number) const;
  // The live registration of a resident ID, if any.
  const Student* find_by_resident_id(std::string_view resident_id) const;

  Result<Student> change_status(std::string_view registration_number, StudentStatus to);
  Result<Student> move_school(std::string_view registration_number, std::string_view school);
  Result<Student> set_grade(std::string_view registration_number, int grade);
  // Sets or clears the special-needs mark (随班就读, Art. 14).
  Result<Student> set_special_needs(std::string_view registration_number, bool marked);

  // Puts `after` in place of the record its number names, every field at
  // once, as a journal writes a case's change in one statement: the
  // caller has checked the change (student_effect.h). The resident-ID
  // index follows; a resident ID that is live on another record is refused
  // ("duplicate_registration", Art. 9), a grade outside 1-12 too, and
  // nothing changes.
  Result<Student> replace(const Student& after);

  // Puts `reopened` (reopening.h made it from a closed record and a new
  // registration of the same person) in place of the closed record its
  // number names, live again (Art. 8: the same number for life). Errors:
  // "unknown_student"; "record_closed" when that record is not closed;
  // "duplicate_registration" when its resident ID is live elsewhere.
  Result<Student> reopen(const Student& reopened);

  // Inserts an already-validated record (from a store or a scenario);
  // refuses a duplicate the same way.
  Status restore(const Student& student);

  size_t size() const { return by_number_.size(); }

 private:
  Result<Student*> mutable_find(std::string_view registration_number);
  Status check_not_registered(std::string_view resident_id) const;
  Status check_number_free(const std::string& number) const;

  std::map<std::string, Student, std::less<>> by_number_;
  std::map<std::string, std::string, std::less<>> live_by_resident_id_;
  std::map<std::string, int, std::less<>> l_serials_;  // per division + birth date
  std::map<std::string, bool, std::less<>> retired_;   // numbers never to reuse
  int64_t next_j_ = 1;
};

}  // namespace xueji
