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
  yaml.expect_map(year, "'school_year'", {"promotion"});
  const YAML::Node promotion = yaml.require(year, "promotion");
  yaml.expect_map(promotion, "'promotion'", {"date"});
  const YAML::Node date = yaml.require(promotion, "date");
  auto parsed = parse_promotion_date(yaml.scalar(date, "'date'"));
  if (!parsed) yaml.fail(date, parsed.error().message);
  rule.promotion = *parsed;
  return rule;
}

}  // namespace xueji
