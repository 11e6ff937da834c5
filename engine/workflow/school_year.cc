#include "engine/workflow/school_year.h"

#include <cctype>
#include <cstdio>

#include "engine/org/provinces.h"

namespace xueji {

Date PromotionDate::in_year(int year) const { return Date::from_ymd(year, month, day).value(); }

std::string PromotionDate::to_string() const {
  char text[8];
  std::snprintf(text, sizeof text, "%02d-%02d", month, day);
  return text;
}

Result<PromotionDate> parse_promotion_date(const std::string& text) {
  const bool shaped = text.size() == 5 && text[2] == '-' &&
                      std::isdigit(static_cast<unsigned char>(text[0])) &&
                      std::isdigit(static_cast<unsigned char>(text[1])) &&
                      std::isdigit(static_cast<unsigned char>(text[3])) &&
                      std::isdigit(static_cast<unsigned char>(text[4]));
  if (!shaped) {
    return make_error("invalid_field", "promotion date '" + text + "' is not MM-DD");
  }
  PromotionDate date{std::stoi(text.substr(0, 2)), std::stoi(text.substr(3, 2))};
  // Our bound (the Measures fix no date): the school year starts at the end
  // of the summer holiday, in August or September.
  if (date.month != 8 && date.month != 9) {
    return make_error("invalid_field", "promotion date '" + text +
                                           "' is not in August or September, when a school "
                                           "year starts");
  }
  // 2001 is any year: August has 31 days and September 30 in every year.
  if (date.day < 1 || date.day > days_in_month(2001, date.month)) {
    return make_error("invalid_field", "promotion date '" + text + "' is not a day of the month");
  }
  return date;
}

Result<PromotionDate> parse_month_day(const std::string& text, const std::string& what) {
  const bool shaped = text.size() == 5 && text[2] == '-' &&
                      std::isdigit(static_cast<unsigned char>(text[0])) &&
                      std::isdigit(static_cast<unsigned char>(text[1])) &&
                      std::isdigit(static_cast<unsigned char>(text[3])) &&
                      std::isdigit(static_cast<unsigned char>(text[4]));
  if (!shaped) return make_error("invalid_field", what + " '" + text + "' is not MM-DD");
  PromotionDate date{std::stoi(text.substr(0, 2)), std::stoi(text.substr(3, 2))};
  // 2001 is not a leap year: 29 February is refused with the days that never come.
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(2001, date.month)) {
    return make_error("invalid_field", what + " '" + text + "' is not a day of every year");
  }
  return date;
}

Status EntryAge::check(Date birth, int year, int deferred_years) const {
  const Date on = Date::from_ymd(year, cutoff.month, cutoff.day).value();
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  const int most = (seven_allowed ? 7 : 6) + deferred_years;
  if (age >= 6 && age <= most) return Status();
  const std::string deferred =
      deferred_years == 0 ? std::string()
                          : ", or up to " + std::to_string(most) + " after " +
                                std::to_string(deferred_years) + " school year(s) deferred";
  return make_error("rule_refused", "a deferral is for a child of the entry age, " +
                                        std::string(seven_allowed ? "6 or 7" : "6") + " on " +
                                        on.to_string() + deferred + "; this child is " +
                                        std::to_string(age) + " (Art. 11)");
}

bool is_school_year_file(const YamlSource& yaml) {
  return yaml.root().IsMap() && yaml.root()["school_year"];
}

SchoolYearRule read_school_year(const YamlSource& yaml) {
  const YAML::Node& root = yaml.root();
  yaml.expect_map(root, "a school-year file", {"province", "school_year", "note"});
  SchoolYearRule rule;
  rule.province = yaml.required_string(root, "province");
  if (!is_province_code(rule.province)) {
    yaml.fail(root["province"], "unknown province '" + rule.province + "'");
  }
  const YAML::Node year = root["school_year"];
  yaml.expect_map(year, "'school_year'", {"promotion", "intake", "entry_age"});
  const YAML::Node promotion = yaml.require(year, "promotion");
  yaml.expect_map(promotion, "'promotion'", {"date"});
  const YAML::Node date = yaml.require(promotion, "date");
  auto parsed = parse_promotion_date(yaml.scalar(date, "'date'"));
  if (!parsed) yaml.fail(date, parsed.error().message);
  rule.promotion = *parsed;
  // Art. 11: the intake a deferral ends at; the school year starts at the
  // end of the summer holiday like the promotion.
  if (year["intake"]) {
    const YAML::Node intake = year["intake"];
    yaml.expect_map(intake, "'intake'", {"date"});
    const YAML::Node day = yaml.require(intake, "date");
    auto read = parse_promotion_date(yaml.scalar(day, "'date'"));
    if (!read) yaml.fail(day, "intake: " + read.error().message);
    rule.intake = *read;
  }
  if (year["entry_age"]) {
    const YAML::Node age = year["entry_age"];
    yaml.expect_map(age, "'entry_age'", {"cutoff", "seven_allowed"});
    if (age["cutoff"]) {
      auto read = parse_month_day(yaml.scalar(age["cutoff"], "'cutoff'"), "entry-age cut-off");
      if (!read) yaml.fail(age["cutoff"], read.error().message);
      rule.entry_age.cutoff = *read;
    }
    if (age["seven_allowed"]) {
      const std::string flag = yaml.scalar(age["seven_allowed"], "'seven_allowed'");
      if (flag != "true" && flag != "false") {
        yaml.fail(age["seven_allowed"],
                  "'seven_allowed' must be true or false, not '" + flag + "'");
      }
      rule.entry_age.seven_allowed = flag == "true";
    }
  }
  return rule;
}

}  // namespace xueji
