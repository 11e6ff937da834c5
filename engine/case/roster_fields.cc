#include "engine/case/roster_fields.h"

#include <algorithm>
#include <cctype>

namespace xueji {
namespace {

bool digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

Status check_school_term(std::string_view text) {
  const auto refused = [&] {
    return make_error("invalid_field", "term '" + std::string(text) +
                                           "' is no school term: write YYYY-YYYY-1 or -2, the "
                                           "school year and its first or second term (Art. 25)");
  };
  if (text.size() != 11 || text[4] != '-' || text[9] != '-') return refused();
  const std::string_view from = text.substr(0, 4);
  const std::string_view to = text.substr(5, 4);
  if (!digits(from) || !digits(to)) return refused();
  if (std::stoi(std::string(to)) != std::stoi(std::string(from)) + 1) return refused();
  if (text[10] != '1' && text[10] != '2') return refused();
  return Status();
}

const std::vector<std::string>& finding_names() {
  static const std::vector<std::string> names = {"dropped_out", "separated", "empty_record"};
  return names;
}

Status check_finding(std::string_view text) {
  const auto& names = finding_names();
  if (std::find(names.begin(), names.end(), text) != names.end()) return Status();
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  return make_error("invalid_field", "finding '" + std::string(text) + "' is not one of " + known +
                                         " (Art. 17, 25)");
}

Status check_roster_fields(const std::map<std::string, std::string>& fields) {
  auto term = fields.find("term");
  if (term != fields.end()) {
    if (Status s = check_school_term(term->second); !s) return s;
  }
  auto finding = fields.find("finding");
  if (finding != fields.end()) {
    if (Status s = check_finding(finding->second); !s) return s;
  }
  return Status();
}

}  // namespace xueji
