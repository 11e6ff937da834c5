#include <set>

#include "engine/workflow/case_kind_rules.h"

namespace xueji {

bool is_known_party(const std::string& party) {
  static const std::set<std::string> kParties = {
      "sending_school",
      "receiving_school",
      "sending_county",
      "receiving_county",
      "sending_city",
      "receiving_city",
      "sending_province",
      "receiving_province",
      "school",
      "county",
      "city",
      "province",
      "household_county",
      "superior",
  };
  return kParties.count(party) > 0;
}

}  // namespace xueji
