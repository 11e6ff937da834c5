#include "engine/student/student.h"

#include <algorithm>
#include <iterator>

namespace xueji {

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::primary:
      return "primary";
    case Stage::junior:
      return "junior";
    case Stage::senior:
      return "senior";
  }
  return "?";
}

Result<Stage> stage_of_grade(int grade) {
  if (grade >= 1 && grade <= 6) return Stage::primary;
  if (grade >= 7 && grade <= 9) return Stage::junior;
  if (grade >= 10 && grade <= 12) return Stage::senior;
  return make_error("invalid_grade", "grade " + std::to_string(grade) + " is not between 1 and 12");
}

std::string_view to_string(StudentStatus status) {
  switch (status) {
    case StudentStatus::enrolled:
      return "enrolled";
    case StudentStatus::on_leave:
      return "on_leave";
    case StudentStatus::transfer_pending:
      return "transfer_pending";
    case StudentStatus::deregistered:
      return "deregistered";
    case StudentStatus::graduated:
      return "graduated";
    case StudentStatus::abroad:
      return "abroad";
    case StudentStatus::deferred:
      return "deferred";
    case StudentStatus::deceased:
      return "deceased";
    case StudentStatus::withdrawn:
      return "withdrawn";
    case StudentStatus::completed:
      return "completed";
    case StudentStatus::incomplete:
      return "incomplete";
    case StudentStatus::specialised_school:
      return "specialised_school";
  }
  return "?";
}

namespace {
constexpr StudentStatus kAllStatuses[] = {
    StudentStatus::enrolled,     StudentStatus::on_leave,   StudentStatus::transfer_pending,
    StudentStatus::deregistered, StudentStatus::graduated,  StudentStatus::abroad,
    StudentStatus::deferred,     StudentStatus::deceased,   StudentStatus::withdrawn,
    StudentStatus::completed,    StudentStatus::incomplete, StudentStatus::specialised_school};
}  // namespace

Result<StudentStatus> parse_student_status(std::string_view text) {
  for (auto s : kAllStatuses) {
    if (to_string(s) == text) return s;
  }
  return make_error("invalid_status", "unknown student status '" + std::string(text) + "'");
}

std::vector<StudentStatus> statuses_leading_to(StudentStatus to) {
  std::vector<StudentStatus> out;
  for (StudentStatus from : kAllStatuses) {
    if (check_status_change(from, to).ok()) out.push_back(from);
  }
  return out;
}

const std::vector<StudentStatus>& all_student_statuses() {
  static const std::vector<StudentStatus> all(std::begin(kAllStatuses), std::end(kAllStatuses));
  return all;
}

std::vector<StudentStatus> closed_statuses() {
  std::vector<StudentStatus> out;
  for (StudentStatus s : kAllStatuses) {
    if (is_closed(s)) out.push_back(s);
  }
  return out;
}

bool is_closed(StudentStatus status) {
  using S = StudentStatus;
  return status == S::deregistered || status == S::graduated || status == S::deceased ||
         status == S::withdrawn || status == S::completed || status == S::incomplete;
}

Status check_status_change(StudentStatus from, StudentStatus to) {
  using S = StudentStatus;
  const bool closing = to == S::deregistered || to == S::deceased || to == S::withdrawn;
  bool legal = false;
  switch (from) {
    case S::enrolled:
      legal = to == S::on_leave || to == S::transfer_pending || to == S::graduated ||
              to == S::completed || to == S::incomplete || to == S::abroad ||
              to == S::specialised_school || closing;
      break;
    case S::on_leave:
    case S::transfer_pending:
    case S::abroad:
    case S::specialised_school:
      legal = to == S::enrolled || closing;
      break;
    case S::deferred:
      legal = to == S::enrolled;
      break;
    case S::graduated:
    case S::completed:
      legal = to == S::enrolled;  // Art. 14: the next stage takes the record over
      break;
    case S::deregistered:
    case S::deceased:
    case S::withdrawn:
    case S::incomplete:
      legal = false;
      break;
  }
  if (legal) return Status();
  return make_error("illegal_status_change", "a student cannot go from " +
                                                 std::string(to_string(from)) + " to " +
                                                 std::string(to_string(to)));
}

std::string mask_name(std::string_view name) {
  std::string out;
  size_t i = 0;
  bool first = true;
  while (i < name.size()) {
    const unsigned char lead = static_cast<unsigned char>(name[i]);
    size_t len = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xe  ? 3
                 : (lead >> 3) == 0x1e ? 4
                                       : 1;
    len = std::min(len, name.size() - i);
    if (first) {
      out.append(name.substr(i, len));
      first = false;
    } else {
      out += '*';
    }
    i += len;
  }
  return out;
}

}  // namespace xueji
