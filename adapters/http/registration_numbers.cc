#include "adapters/http/registration_numbers.h"

#include <cstdio>

#include "adapters/http/json_body.h"
#include "adapters/http/problem.h"
#include "adapters/http/student_routes.h"
#include "engine/account/jurisdiction.h"
#include "engine/student/registration_number.h"

namespace xueji::http {
namespace {

using nlohmann::json;

int64_t largest_serial(int width) {
  int64_t n = 1;
  for (int i = 0; i < width; ++i) n *= 10;
  return n - 1;
}

}  // namespace

int64_t SerialRange::after(const std::string& last) const {
  if (last.size() != prefix.size() + static_cast<size_t>(width)) return first;
  return std::stoll(last.substr(prefix.size())) + 1;
}

Result<std::string> SerialRange::number() const {
  if (next > largest_serial(width)) {
    return make_error("rule_refused", "no " + prefix.substr(0, 1) + " numbers are left after " +
                                          highest + " (Art. 8: a number is never reused)");
  }
  char serial[24];
  std::snprintf(serial, sizeof serial, "%0*lld", width, static_cast<long long>(next));
  return prefix + serial;
}

std::optional<SerialRange> serial_range(const std::string& number) {
  auto kind = classify_registration_number(number);
  if (!kind || *kind == RegistrationKind::g_number) return std::nullopt;
  SerialRange range;
  if (*kind == RegistrationKind::l_number) {
    range.prefix = number.substr(0, 15);  // L + division + birth date
    range.width = 4;
    range.first = 0;  // as the engine's registry numbers them
  } else {
    range.prefix = "J";
    range.width = 18;
    range.first = 1;
  }
  range.next = range.first;
  range.lowest = range.prefix + std::string(static_cast<size_t>(range.width), '0');
  range.highest = range.prefix + std::string(static_cast<size_t>(range.width), '9');
  return range;
}

Result<NewStudent> identity_fields(const json& body, bool without_id) {
  NewStudent out;
  auto verified = bool_field(body, "identity_verified", out.identity_verified);
  if (!verified) return verified.error();
  out.identity_verified = *verified;
  auto birth = string_field(body, "birth_date", false);
  if (!birth) return birth.error();
  auto gender = string_field(body, "gender", false);
  if (!gender) return gender.error();
  if (without_id && birth->empty()) {
    return make_error("missing_field",
                      "missing field 'birth_date': a student with no usable ID is registered "
                      "under a J number by birth date and gender (Art. 8, 10)");
  }
  if (without_id && gender->empty()) {
    return make_error("missing_field",
                      "missing field 'gender': a student with no usable ID is registered "
                      "under a J number by birth date and gender (Art. 8, 10)");
  }
  if (!birth->empty()) {
    auto date = Date::parse(*birth);
    if (!date) {
      return make_error("invalid_field",
                        "field 'birth_date' must be a date YYYY-MM-DD, not '" + *birth + "'");
    }
    out.birth_date = *date;
  }
  if (*gender == "male") {
    out.gender = Gender::male;
  } else if (*gender == "female") {
    out.gender = Gender::female;
  } else if (!gender->empty()) {
    return make_error("invalid_field",
                      "field 'gender' must be male or female, not '" + *gender + "'");
  }
  return out;
}

Response verify_identity(Services& s, const Request& r, Context& ctx) {
  const std::string& number = ctx.args[0];
  const Instant now = s.engine.data()->clock->now();
  Instant verified_at = now;
  if (r.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto body = parse_object(r);
    if (!body) return from_error(body.error());
    auto at = string_field(*body, "verified_at", false);
    if (!at) return from_error(at.error());
    if (!at->empty()) {
      auto parsed = Instant::parse(*at);
      if (!parsed || now < *parsed) {
        return problem(422, "invalid_field",
                       "field 'verified_at' must be a past instant (RFC 3339), not '" + *at + "'");
      }
      verified_at = *parsed;
    }
  }
  auto kind = classify_registration_number(number);
  if (!kind || *kind != RegistrationKind::l_number) {
    return problem(422, "rule_refused",
                   "'" + number +
                       "' is not a temporary L number: only an L number is replaced, by the G "
                       "number of the verified resident ID (Art. 8: one number for life)");
  }
  auto found = s.stores.reads.find_student(number);
  if (!found) return from_error(found.error());
  if (!*found) {
    auto became = s.stores.reads.replaced_by(number);
    if (!became) return from_error(became.error());
    if (*became) {
      return problem(
          409, "duplicate_registration",
          number + " was verified already and retired; the record is " + **became + " (Art. 8)");
    }
    return problem(404, "unknown_student", "no student '" + number + "'");
  }
  const Student& temporary = **found;
  // The student's school or its superiors (Art. 9: they verify the
  // registrations they hold).
  if (Status may = may_register_at(*ctx.account, temporary.school, s.engine.data()->orgs); !may) {
    return from_error(may.error());
  }
  StudentRegistry registry;
  if (Status restored = registry.restore(temporary); !restored) return from_error(restored.error());
  auto verified = registry.verify_identity(number, now.beijing_date());
  if (!verified) return from_error(verified.error());
  auto taken_by = [&]() -> std::optional<Student> {
    auto holder = s.stores.reads.find_student(verified->registration_number);
    return holder && *holder ? *holder : std::nullopt;
  };
  if (auto holder = taken_by()) {
    return problem(409, "duplicate_registration",
                   "resident ID " + verified->resident_id + " is already registered as " +
                       holder->registration_number + " (" + std::string(to_string(holder->status)) +
                       ") at school " + holder->school + " (Art. 9)");
  }
  Transition renumbering;
  renumbering.records.renumberings.push_back(Renumbering{number, *verified, verified_at});
  renumbering.audit.push_back(ctx.entry());
  Status stored = s.engine.commit(std::move(renumbering));
  if (!stored) {
    if (auto holder = taken_by()) {
      return problem(409, "duplicate_registration",
                     "resident ID " + verified->resident_id + " is already registered as " +
                         holder->registration_number + " at school " + holder->school +
                         " (Art. 9)");
    }
    return from_error(stored.error());
  }
  ctx.recorded = true;
  return readable_record(s, *verified, ctx);
}

}  // namespace xueji::http
