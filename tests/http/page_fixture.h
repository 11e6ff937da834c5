#pragma once
// What the tests of lists in pages share (issue 17): students registered in
// numbers, one page of a list route, the walk of a whole list following
// next_cursor with each page checked, and the rows' order.

#include <string>
#include <vector>

#include "tests/http/api_fixture.h"

namespace xueji::test {

class PageFixture : public ApiFixture {
 protected:
  using json = nlohmann::json;

  // Registers `n` students at `school` by its registrar; their
  // registration numbers.
  std::vector<std::string> register_students(const std::string& school, int n) {
    std::vector<std::string> numbers;
    for (int i = 0; i < n; ++i) {
      const std::string seq = std::to_string(1000 + ++serial_).substr(1);
      const std::string resident = make_resident_id(school.substr(0, 6), "20130915", seq);
      auto r =
          call("POST", "/v1/students",
               {{"id", resident}, {"name", "学生"}, {"school", school}, {"grade", 5}}, reg(school));
      EXPECT_EQ(r.status, 201) << r.body;
      numbers.push_back(r.json().value("registration_number", ""));
    }
    return numbers;
  }

  // One page of `path` (a list route) with `query` ("limit=5&cursor=...").
  HttpAnswer page(const std::string& path, const std::string& query, const std::string& as) {
    return call("GET", path + (query.empty() ? "" : "?" + query), nullptr, as);
  }

  // Every item of list `name` at `path`, following next_cursor page by
  // page; each page checked for its size and its has_more. `pages` gets
  // the count.
  std::vector<json> walk(const std::string& path, const std::string& name, int limit,
                         const std::string& as, int* pages = nullptr) {
    std::vector<json> items;
    std::string cursor;
    for (int n = 1; n <= 100; ++n) {
      std::string query = "limit=" + std::to_string(limit);
      if (!cursor.empty()) query += "&cursor=" + cursor;
      auto r = page(path, query, as);
      EXPECT_EQ(r.status, 200) << r.body;
      const json body = r.json();
      if (r.status != 200 || !body.contains(name) || !body[name].is_array()) break;
      const json& rows = body[name];
      EXPECT_LE(rows.size(), static_cast<size_t>(limit));
      for (const auto& row : rows) items.push_back(row);
      const bool more = body.value("has_more", false);
      EXPECT_EQ(more, body["next_cursor"].is_string()) << r.body;
      if (pages != nullptr) *pages = n;
      if (!more) break;
      // A page before the last is full: the limit was not cut after a filter.
      EXPECT_EQ(rows.size(), static_cast<size_t>(limit)) << r.body;
      cursor = body["next_cursor"].get<std::string>();
    }
    return items;
  }

  // The array `name` of an answer's body.
  static std::vector<json> rows_of(const HttpAnswer& answer, const char* name) {
    const json body = answer.json();
    if (!body.contains(name) || !body[name].is_array()) return {};
    return std::vector<json>(body[name].begin(), body[name].end());
  }

  static std::vector<std::string> field(const std::vector<json>& rows, const char* name) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(row.value(name, ""));
    return out;
  }

  // Rows strictly in order by (`key`, `id`): none twice.
  static void expect_ordered(const std::vector<json>& rows, const char* key, const char* id) {
    for (size_t i = 1; i < rows.size(); ++i) {
      const auto before = std::pair(rows[i - 1].value(key, ""), rows[i - 1].value(id, ""));
      const auto here = std::pair(rows[i].value(key, ""), rows[i].value(id, ""));
      EXPECT_LT(before, here) << rows[i - 1].dump() << " then " << rows[i].dump();
    }
  }

  int serial_ = 0;
};

}  // namespace xueji::test
