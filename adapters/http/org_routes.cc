#include "adapters/http/org_routes.h"

#include <map>

#include <nlohmann/json.hpp>

#include "adapters/http/case_json.h"
#include "adapters/http/json_body.h"
#include "adapters/http/json_text.h"
#include "adapters/http/notice_json.h"
#include "adapters/http/notice_text.h"
#include "adapters/http/page_cursor.h"
#include "adapters/http/problem.h"
#include "adapters/http/problem_language.h"
#include "adapters/http/student_routes.h"
#include "engine/account/jurisdiction.h"

namespace xueji::http {
namespace {

using nlohmann::json;

// Whether the caller may read org `org`: "unknown_org" or the refusal.
Status readable_org(Services& s, const std::string& org, const Context& ctx) {
  if (s.engine.data()->orgs.find(org) == nullptr) {
    return make_error("unknown_org", "unknown organisation '" + org + "'");
  }
  return may_read_org(*ctx.account, org, s.engine.data()->orgs);
}

// The calendar a party's deadlines are counted on: its own province's
// (Art. 15), the national one where its province has none. Remembers the
// last org asked: a page's rows mostly share their party, and walking the
// tree to the province and finding its calendar for every row took 5% of
// the server's CPU on a page's reads (perf, session 56).
class PartyCalendars {
 public:
  explicit PartyCalendars(const Domain& data) : data_(data) {}
  const WorkingDayCalendar& of(const std::string& org) {
    if (calendar_ == nullptr || org != org_) {
      org_ = org;
      calendar_ = &data_.calendars.national();
      const std::string province = data_.orgs.province_of(org);
      if (!province.empty()) {
        if (auto own = data_.calendars.for_province(province)) calendar_ = *own;
      }
    }
    return *calendar_;
  }

 private:
  const Domain& data_;
  std::string org_;
  const WorkingDayCalendar* calendar_ = nullptr;
};

// Working days from `today` to the party's due date on the party's own
// province's calendar, as its deadline was counted (Art. 15): 0 on the due
// day, negative once it has passed; none for a due date that is no date.
std::optional<int64_t> working_days_left(PartyCalendars& calendars, const store::ActiveStep& step,
                                         Date today) {
  auto due = Date::parse(step.due);
  if (!due) return std::nullopt;
  return calendars.of(step.org).working_days_between(today, *due).days;
}

// The rows as a JSON array, printed without a tree: a page's answer is
// mostly this.
std::string steps_text(const Services& s, const std::vector<store::ActiveStep>& steps) {
  const auto held = s.engine.data();
  const Domain& data = *held;
  const Date today = data.clock->now().beijing_date();
  PartyCalendars calendars(data);
  std::string out = "[";
  out.reserve(steps.size() * 240);
  const auto member = [&out](const char* key, const std::string& value) {
    out += '"';
    out += key;
    out += "\":";
    append_json_string(out, value);
    out += ',';
  };
  for (const auto& step : steps) {
    if (out.size() > 1) out += ',';
    out += '{';
    // In key order, as dump() prints them.
    member("case", step.case_id);
    member("due", step.due);
    member("holder", step.holder);
    member("holder_due", step.holder_due);
    member("kind", step.kind);
    member("org", step.org);
    member("step", step.step);
    if (auto left = working_days_left(calendars, step, today)) {
      out += "\"working_days_left\":" + std::to_string(*left) + ',';
    }
    out.back() = '}';
  }
  return out + "]";
}

// A page's answer: `fields` (the org, the page's own fields) beside the
// rows' printed array under `rows_name`.
Response page_answer(const json& fields, const char* rows_name, std::string rows) {
  std::map<std::string, std::string> members;
  for (const auto& [key, value] : fields.items()) members[key] = value.dump();
  members[rows_name] = std::move(rows);
  return Response{200, "application/json", json_object_text(members), {}};
}

// A list's name in its cursors: a cursor from one org's list is refused on
// another list and on another org's.
std::string list_name(const char* list, const std::string& org) {
  return std::string(list) + ":" + org;
}

// The page the query asks for, or the answer refusing it (400 naming the
// parameter). Checked after jurisdiction, so a refused read says no more.
Result<store::PageQuery> page_query(const Request& request, const std::string& list,
                                    size_t key_size = 2) {
  auto page = read_page(request.target, list, key_size);
  if (!page) return page.error();
  return store::PageQuery{page->limit, std::move(page->after)};
}

}  // namespace

Response notices(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string list = list_name("notices", org);
  auto query = page_query(request, list);
  if (!query) return from_error(query.error());
  auto page = s.stores.reads.notices_page(org, *query);
  if (!page) return from_error(page.error());
  const bool english = prefers_english(request);
  json out = json::array();
  for (const auto& n : page->rows) {
    json each = notice_json(n);
    // Chinese for people, English for who asks for it.
    if (!english) each["text"] = notice_in_chinese(n, s.engine.data()->orgs);
    out.push_back(std::move(each));
  }
  json body{{"org", org}, {"notices", std::move(out)}};
  const auto last = page->rows.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{
                                             std::to_string(page->rows.back().at.unix_seconds()),
                                             page->rows.back().id};
  add_page_fields(body, page->has_more, list, last);
  return json_response(200, body);
}

Response pending(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string list = list_name("pending", org);
  auto query = page_query(request, list);
  if (!query) return from_error(query.error());
  auto page = s.stores.reads.pending_page(org, *query);
  if (!page) return from_error(page.error());
  json fields{{"org", org}};
  const auto last = page->rows.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{page->rows.back().holder_due,
                                                                  page->rows.back().case_id};
  add_page_fields(fields, page->has_more, list, last);
  return page_answer(fields, "pending", steps_text(s, page->rows));
}

Response overdue(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string list = list_name("overdue", org);
  auto query = page_query(request, list);
  if (!query) return from_error(query.error());
  const std::string today = s.engine.data()->clock->now().beijing_date().to_string();
  auto page = s.stores.reads.overdue_page(org, today, *query);
  if (!page) return from_error(page.error());
  json fields{{"org", org}, {"as_of", today}};
  const auto last = page->rows.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{page->rows.back().due,
                                                                  page->rows.back().case_id};
  add_page_fields(fields, page->has_more, list, last);
  return page_answer(fields, "overdue", steps_text(s, page->rows));
}

Response org_open_cases(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string list = list_name("cases", org);
  auto query = page_query(request, list);
  if (!query) return from_error(query.error());
  auto page = s.stores.reads.open_steps_page(org, *query);
  if (!page) return from_error(page.error());
  json fields{{"org", org}};
  const auto last = page->rows.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{page->rows.back().due,
                                                                  page->rows.back().case_id};
  add_page_fields(fields, page->has_more, list, last);
  return page_answer(fields, "cases", steps_text(s, page->rows));
}

Response dropout_ledger(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string list = list_name("dropout-ledger", org);
  auto query = page_query(request, list);
  if (!query) return from_error(query.error());
  auto page = s.stores.reads.open_steps_page(org, *query, "dropout_follow_up");
  if (!page) return from_error(page.error());
  json entries = json::parse(steps_text(s, page->rows));  // a rare list, whole cases beside
  for (auto& entry : entries) {
    const std::string id = entry["case"].get<std::string>();
    auto loaded = s.stores.reads.load_case_with_events(id);
    if (!loaded) return from_error(loaded.error());
    if (!*loaded) continue;  // listed, then gone: cannot happen to a case
    const CaseState& state = (*loaded)->state;
    json whole = case_json(state, &(*loaded)->events);
    entry["student"] = state.subject;
    for (const char* field : {"finding", "term"}) {
      auto it = state.fields.find(field);
      entry[field] = it == state.fields.end() ? "" : it->second;
    }
    entry["opened_at"] = whole["opened_at"];
    entry["history"] = whole["history"];
  }
  json body{{"org", org}, {"follow_ups", std::move(entries)}};
  const auto last = page->rows.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{page->rows.back().due,
                                                                  page->rows.back().case_id};
  add_page_fields(body, page->has_more, list, last);
  return json_response(200, body);
}

Response roster(Services& s, const Request& request, Context& ctx) {
  const std::string& org = ctx.args[0];
  if (Status may = readable_org(s, org, ctx); !may) return from_error(may.error());
  const std::string list = list_name("students", org);
  auto query = page_query(request, list, 1);
  if (!query) return from_error(query.error());
  auto page = s.stores.reads.students_page(org, *query);
  if (!page) return from_error(page.error());
  json out = json::array();
  for (const auto& student : page->rows) out.push_back(student_json(student));
  json body{{"org", org}, {"students", std::move(out)}};
  const auto last = page->rows.empty()
                        ? std::vector<std::string>{}
                        : std::vector<std::string>{page->rows.back().registration_number};
  add_page_fields(body, page->has_more, list, last);
  return json_response(200, body);
}

}  // namespace xueji::http
