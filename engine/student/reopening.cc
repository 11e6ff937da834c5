#include "engine/student/reopening.h"

namespace xueji {

Result<Student> reopen_record(const Student& archived, const Student& registering) {
  const std::string number = archived.registration_number;
  if (archived.status == StudentStatus::deceased) {
    return make_error("record_closed", "registration " + number +
                                           " is closed: its holder is deceased (Art. 21) and is "
                                           "not registered again");
  }
  if (!is_closed(archived.status)) {
    return make_error("record_closed", "registration " + number + " is live (" +
                                           std::string(to_string(archived.status)) +
                                           ") at school " + archived.school);
  }
  Student reopened = registering;
  reopened.registration_number = number;  // Art. 8: the same number for life
  reopened.status = StudentStatus::enrolled;
  return reopened;
}

}  // namespace xueji
