#include "adapters/http/detail_language.h"

#include <cctype>
#include <regex>
#include <vector>

#include "adapters/http/chinese_terms.h"
#include "adapters/http/detail_patterns.h"

namespace xueji::http {
namespace {

constexpr size_t kLongestTranslated = 2048;

struct Compiled {
  std::string head;  // what every match starts with (literal_head)
  std::regex english;
  std::string chinese;
};

// Whether `pattern` has an alternative at its top level, which could start
// a match anywhere.
bool alternates(const std::string& pattern) {
  int depth = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      while (++i < pattern.size() && pattern[i] != ']') {
        if (pattern[i] == '\\') ++i;
      }
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return true;
    }
  }
  return false;
}

// The plain characters every match of `pattern` (ECMAScript, as the
// catalogue writes it) starts with, up to its first construct that is not
// one required character: a detail that does not start so is not tried
// against it. Most of the catalogue's ~310 patterns start with words;
// trying them all in turn with libstdc++'s matcher took about 43 µs a
// detail, 26 µs with the heads (the catalogue's test details, by hand).
std::string literal_head(const std::string& pattern) {
  if (alternates(pattern)) return "";
  static const std::string special = ".[](){}*+?|^$";
  std::string head;
  size_t i = 0;
  while (i < pattern.size()) {
    char plain;
    size_t next;
    if (pattern[i] == '\\') {
      // \d, \w, \S, \b stand for classes; \. \( \' for themselves.
      if (i + 1 >= pattern.size() || std::isalnum(static_cast<unsigned char>(pattern[i + 1])))
        break;
      plain = pattern[i + 1];
      next = i + 2;
    } else if (special.find(pattern[i]) != std::string::npos) {
      break;
    } else {
      plain = pattern[i];
      next = i + 1;
    }
    // A quantifier after it makes it optional (or, for +, it still starts
    // the match, but stopping here is simpler and still right).
    if (next < pattern.size() && std::string("*+?{").find(pattern[next]) != std::string::npos)
      break;
    head += plain;
    i = next;
  }
  return head;
}

const std::vector<Compiled>& catalogue() {
  static const std::vector<Compiled> compiled = [] {
    std::vector<Compiled> out;
    for (const auto* patterns :
         {&detail_patterns(), &intake_detail_patterns(), &operation_detail_patterns(),
          &kind_detail_patterns(), &org_detail_patterns()}) {
      for (const DetailPattern& p : *patterns)
        out.push_back({literal_head(p.english), std::regex(p.english), p.chinese});
    }
    return out;
  }();
  return compiled;
}

std::string translate(const std::string& english, int depth, const OrgNames& org_name);

std::string fill(const std::string& chinese, const std::smatch& match, int depth,
                 const OrgNames& org_name) {
  std::string out;
  for (size_t i = 0; i < chinese.size(); ++i) {
    const size_t close = chinese[i] == '{' ? chinese.find('}', i) : std::string::npos;
    if (close == std::string::npos || close - i < 2 || !std::isdigit(chinese[i + 1])) {
      out += chinese[i];
      continue;
    }
    const std::string spec = chinese.substr(i + 1, close - i - 1);
    const size_t n = static_cast<size_t>(std::stoi(spec));
    const std::string group = n < match.size() ? match[n].str() : std::string();
    if (spec.back() == 't') {
      out += term_in_chinese(group);
    } else if (spec.back() == '*') {
      const std::string inner = translate(group, depth + 1, org_name);
      out += inner.empty() ? group : inner;
    } else if (const std::string name = org_name ? org_name(group) : ""; !name.empty()) {
      out += name + "（" + group + "）";
    } else {
      out += group;
    }
    i = close;
  }
  return out;
}

std::string translate(const std::string& english, int depth, const OrgNames& org_name) {
  // libstdc++'s matcher recurses per character: a detail quoting a long
  // header or path is left in English rather than risk the stack.
  if (english.empty() || english.size() > kLongestTranslated || depth > 4) return "";
  std::smatch match;
  for (const Compiled& c : catalogue()) {
    if (english.compare(0, c.head.size(), c.head) != 0) continue;
    if (std::regex_match(english, match, c.english)) return fill(c.chinese, match, depth, org_name);
  }
  return "";
}

std::string numeral(int n) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 0 || n > 99) return std::to_string(n);
  if (n < 10) return digits[n];
  const std::string tens = n / 10 == 1 ? "" : digits[n / 10];
  return tens + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
}

}  // namespace

std::string articles_in_chinese(const std::string& text) {
  static const std::regex article(R"(Art\. (\d+)((?:, \d+)*))");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), article);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out += text.substr(last, static_cast<size_t>(m.position(0)) - last);
    std::string cited = "第" + numeral(std::stoi(m[1].str())) + "条";
    static const std::regex more(R"(\d+)");
    const std::string rest = m[2].str();
    for (auto n = std::sregex_iterator(rest.begin(), rest.end(), more); n != std::sregex_iterator();
         ++n) {
      cited += "、第" + numeral(std::stoi(n->str())) + "条";
    }
    out += cited;
    last = static_cast<size_t>(m.position(0) + m.length(0));
  }
  return out + text.substr(last);
}

std::string chinese_detail(const std::string& english, const OrgNames& org_name) {
  const std::string chinese = translate(english, 0, org_name);
  return chinese.empty() ? chinese : articles_in_chinese(chinese);
}

}  // namespace xueji::http
