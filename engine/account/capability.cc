#include "engine/account/capability.h"

#include <algorithm>

namespace xueji {
namespace {

const std::vector<std::string>& plain_words() {
  static const std::vector<std::string> words = {
      "read",    "register_student", "open",          "decide",       "withdraw",   "graduate",
      "promote", "manage_accounts",  "advance_clock", "reload_rules", "manage_orgs"};
  return words;
}

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

Status check_word(const std::string& word, const std::vector<std::string>& kinds) {
  if (contains(plain_words(), word)) return Status();
  const size_t colon = word.find(':');
  const std::string prefix = colon == std::string::npos ? "" : word.substr(0, colon + 1);
  if (prefix == "open:" || prefix == "apply:") {
    const std::string kind = word.substr(prefix.size());
    if (!kind.empty() && (kinds.empty() || contains(kinds, kind))) return Status();
    std::string known;
    for (const auto& k : kinds) known += (known.empty() ? "" : ", ") + k;
    return make_error("invalid_field",
                      "capability '" + word + "' names no case kind (known: " + known + ")");
  }
  return make_error("invalid_field",
                    "capability '" + word + "' is not one of " + capability_vocabulary());
}

}  // namespace

std::string capability_vocabulary() {
  std::string out;
  for (const auto& w : plain_words()) out += w + ", ";
  return out + "open:<kind>, apply:<kind>";
}

Result<std::vector<std::string>> parse_capabilities(std::string_view text,
                                                    const std::vector<std::string>& kinds) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&]() -> Status {
    if (word.empty()) return Status();
    if (Status ok = check_word(word, kinds); !ok) return ok;
    if (!contains(out, word)) out.push_back(word);
    word.clear();
    return Status();
  };
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (Status ok = flush(); !ok) return ok.error();
    } else {
      word += c;
    }
  }
  if (Status ok = flush(); !ok) return ok.error();
  return out;
}

std::string capabilities_text(const std::vector<std::string>& capabilities) {
  std::string out;
  for (const auto& c : capabilities) out += (out.empty() ? "" : " ") + c;
  return out;
}

Status may_use(const Account& account, std::string_view capability) {
  if (!account.capabilities || capability.empty()) return Status();
  const auto& held = *account.capabilities;
  if (contains(held, capability)) return Status();
  if (capability.rfind("open:", 0) == 0 && contains(held, "open")) return Status();
  return make_error("capability_missing",
                    "account '" + account.name + "' lacks the capability '" +
                        std::string(capability) + "' (it holds only: " +
                        (held.empty() ? std::string("nothing") : capabilities_text(held)) + ")");
}

Status may_open(const Account& account, std::string_view kind, std::string_view by) {
  const std::string open = "open:" + std::string(kind);
  // Art. 16: the family applies; an account that may apply opens for it alone.
  if (by == "guardian" && account.capabilities &&
      contains(*account.capabilities, "apply:" + std::string(kind))) {
    return Status();
  }
  return may_use(account, open);
}

}  // namespace xueji
