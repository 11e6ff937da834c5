#include "engine/case/reported_dates.h"

namespace xueji {
namespace {

const char* const kDied = "date_of_death";
const char* const kLearned = "learned_on";

// The field's date if given; none when absent.
Result<std::optional<Date>> reported(const OpenCase& cmd, const std::string& field, Date today) {
  auto it = cmd.fields.find(field);
  if (it == cmd.fields.end()) return std::optional<Date>();
  auto date = Date::parse(it->second);
  if (!date) return make_error("invalid_field", "field '" + field + "': " + date.error().message);
  if (*date > today) {
    return make_error("invalid_field", "field '" + field + "': '" + it->second +
                                           "' is after today, " + today.to_string());
  }
  return std::optional<Date>(*date);
}

}  // namespace

bool is_reported_date(std::string_view field) { return field == kDied || field == kLearned; }

Status check_reported_dates(const OpenCase& cmd, Date today) {
  auto died = reported(cmd, kDied, today);
  if (!died) return died.error();
  auto learned = reported(cmd, kLearned, today);
  if (!learned) return learned.error();
  if (*died && *learned && **learned < **died) {
    return make_error("invalid_field",
                      std::string("field '") + kLearned + "': '" + learned->value().to_string() +
                          "' is before the date of death, " + died->value().to_string());
  }
  return Status();
}

std::optional<Instant> first_period_from(const CaseKindRules& rules, const OpenCase& cmd) {
  if (rules.counts_from.empty()) return std::nullopt;
  auto it = cmd.fields.find(rules.counts_from);
  if (it == cmd.fields.end()) return std::nullopt;
  auto date = Date::parse(it->second);
  if (!date) return std::nullopt;
  return start_of_beijing_day(*date);
}

}  // namespace xueji
