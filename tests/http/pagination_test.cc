// The lists in pages over HTTP, on PostgreSQL and SQLite (issue 17): every
// item once and in order across pages, the subtree cut before the page's
// limit, `limit` and `cursor` refused with 400 naming them, a cursor bound
// to its list, and a walk that new cases behind its position do not upset.

#include <set>

#include "tests/http/page_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class Pagination : public PageFixture {
 protected:
  // Registers `n` students at `school` and has `to_school` open a transfer
  // of each (Art. 15): a step pending at `school`. The case ids.
  std::vector<std::string> open_transfers(const std::string& school, const std::string& to_school,
                                          int n) {
    std::vector<std::string> ids;
    for (const std::string& student : register_students(school, n)) {
      auto c = call("POST", "/v1/cases",
                    {{"kind", "transfer"}, {"student", student}, {"to_school", to_school}},
                    reg(to_school));
      EXPECT_EQ(c.status, 201) << c.body;
      ids.push_back(c.json().value("id", ""));
    }
    return ids;
  }

  HttpAnswer advance(const std::string& to) {
    return call("POST", "/v1/clock/advance", {{"to", to}}, admin("000000"));
  }

  // Rows in order by (key, `id`), and no `id` twice.
  static void expect_once_in_order(const std::vector<json>& rows, const char* key, const char* id) {
    expect_ordered(rows, key, id);
    std::set<std::string> seen;
    for (const auto& row : rows) {
      EXPECT_TRUE(seen.insert(row.value(id, "")).second) << "twice: " << row.dump();
    }
  }

  size_t cases_stored() {
    auto store = TestStore::open(url_);
    EXPECT_TRUE(store.ok());
    auto n = (*store)->reads.count_rows("cases");
    EXPECT_TRUE(n.ok());
    return n.ok() ? static_cast<size_t>(*n) : 0;
  }
};

const std::string kSchool = "4501020001";
const std::string kPending = "/v1/orgs/4501020001/pending";

TEST_P(Pagination, PendingPagesMeetEveryStepOnceInOrder) {
  std::vector<std::string> opened = open_transfers(kSchool, "4501030002", 5);
  ASSERT_EQ(advance("2025-09-29T09:00:00+08:00").status, 200);  // later due dates
  for (const auto& id : open_transfers(kSchool, "4501030002", 8)) opened.push_back(id);

  // Each registration also gave the school its archive step (Art. 6): 26.
  int pages = 0;
  const auto rows = walk(kPending, "pending", 5, reg(kSchool), &pages);
  EXPECT_EQ(pages, 6);  // 5, 5, 5, 5, 5, 1
  ASSERT_EQ(rows.size(), 26u);
  expect_once_in_order(rows, "holder_due", "case");
  std::vector<std::string> transfers;
  for (const auto& row : rows) {
    if (row.value("kind", "") == "transfer") transfers.push_back(row.value("case", ""));
  }
  std::sort(transfers.begin(), transfers.end());
  std::sort(opened.begin(), opened.end());
  EXPECT_EQ(transfers, opened);
  EXPECT_LT(rows.front().value("holder_due", ""), rows.back().value("holder_due", ""));

  // Without parameters: the first 100, all of them here, and no more.
  auto whole = page(kPending, "", reg(kSchool));
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_FALSE(whole.json().value("has_more", true));
  EXPECT_TRUE(whole.json()["next_cursor"].is_null());
  EXPECT_EQ(field(rows_of(whole, "pending"), "case"), field(rows, "case"));
  // Printed without a tree (adapters/http/json_text.h), as dump() prints it.
  EXPECT_EQ(whole.body, whole.json().dump());
  EXPECT_TRUE(whole.json()["pending"][0].contains("working_days_left")) << whole.body;
  // The limit's bounds: 1 and 500 are pages.
  auto one = page(kPending, "limit=1", reg(kSchool));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json()["pending"].size(), 1u);
  EXPECT_TRUE(one.json().value("has_more", false));
  EXPECT_EQ(rows_of(page(kPending, "limit=500", reg(kSchool)), "pending").size(), 26u);
}

// A step whose deadline passed climbs to its party's superior (Art. 15):
// the county then holds steps whose party is a school, beside the steps it
// is the party to. Its pending list meets both, each once and in order, and
// the school still meets the escalated steps as their party. The two sides
// come from two indexes (migration 0029), the holder's holding only steps
// held by another org than their party.
TEST_P(Pagination, PendingPagesMeetHeldStepsBesideTheOrgsOwnOnce) {
  const auto escalated = open_transfers(kSchool, "4501030002", 4);
  // Due 2025-10-16: the county holds them from the next day, until its
  // own follow-up runs out and they climb to the city.
  ASSERT_EQ(advance("2025-10-18T00:00:00+08:00").status, 200);
  const auto own = open_transfers("4501020002", "4501030002", 3);
  for (const auto& id : own) {
    auto r = call("POST", "/v1/cases/" + id + "/decisions",
                  {{"step", "sending_school"}, {"decision", "approve"}, {"by", "4501020002"}},
                  reg("4501020002"));
    ASSERT_EQ(r.status, 200) << r.body;  // the county is now the party
  }

  const std::string county = "/v1/orgs/450102/pending";
  const auto rows = walk(county, "pending", 2, reg("450102"));
  expect_once_in_order(rows, "holder_due", "case");
  EXPECT_EQ(field(rows, "case"),
            field(rows_of(page(county, "limit=500", reg("450102")), "pending"), "case"));
  std::set<std::string> held, party;
  for (const auto& row : rows) {
    if (row.value("holder", "") == "450102" && row.value("org", "") != "450102") {
      held.insert(row.value("case", ""));
    }
    if (row.value("org", "") == "450102") party.insert(row.value("case", ""));
  }
  for (const auto& id : escalated) EXPECT_EQ(held.count(id), 1u) << id << " not held by the county";
  EXPECT_EQ(party, std::set<std::string>(own.begin(), own.end()));

  const auto school = walk(kPending, "pending", 3, reg(kSchool));
  expect_once_in_order(school, "holder_due", "case");
  std::set<std::string> at_school;
  for (const auto& row : school) {
    if (row.value("holder", "") == "450102") at_school.insert(row.value("case", ""));
  }
  EXPECT_EQ(at_school, std::set<std::string>(escalated.begin(), escalated.end()));
}

// Overdue covers the org's whole subtree: cut in SQL before the limit, so
// every page but the last is full and no other county's step comes.
TEST_P(Pagination, OverduePagesCoverTheSubtreeOnly) {
  std::set<std::string> mine;
  for (const auto& id : open_transfers("4501020001", "4501030002", 4)) mine.insert(id);
  for (const auto& id : open_transfers("4501020002", "4501030002", 3)) mine.insert(id);
  ASSERT_EQ(advance("2025-09-29T09:00:00+08:00").status, 200);
  for (const auto& id : open_transfers("4501020002", "4501030002", 2)) mine.insert(id);
  const auto theirs = open_transfers("4501030001", "4501020001", 3);
  ASSERT_EQ(advance("2025-10-25T00:00:00+08:00").status, 200);  // every party's due date passed

  const auto rows = walk("/v1/orgs/450102/overdue", "overdue", 2, reg("450102"));
  ASSERT_EQ(rows.size(), mine.size());
  expect_once_in_order(rows, "due", "case");
  for (const auto& row : rows) {
    EXPECT_EQ(mine.count(row.value("case", "")), 1u) << row.dump();
    EXPECT_TRUE(row.value("org", "") == "4501020001" || row.value("org", "") == "4501020002")
        << row.dump();
  }
  const auto other = walk("/v1/orgs/450103/overdue", "overdue", 2, reg("450103"));
  EXPECT_EQ(field(other, "case").size(), theirs.size());
  // The city sees both counties; a school only its own.
  EXPECT_EQ(walk("/v1/orgs/450100/overdue", "overdue", 4, reg("450100")).size(),
            mine.size() + theirs.size());
  EXPECT_EQ(walk("/v1/orgs/4501020002/overdue", "overdue", 3, reg("4501020002")).size(), 5u);
  auto first = page("/v1/orgs/450102/overdue", "limit=2", reg("450102"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, first.json().dump());
  EXPECT_TRUE(first.json().contains("as_of")) << first.body;
}

TEST_P(Pagination, NoticePagesMeetEveryNoticeOnceInOrder) {
  open_transfers(kSchool, "4501030002", 3);
  ASSERT_EQ(advance("2025-09-29T09:00:00+08:00").status, 200);
  open_transfers(kSchool, "4501030002", 2);
  // Each step's reminder to the school, then its escalation to the county.
  ASSERT_EQ(advance("2025-10-25T00:00:00+08:00").status, 200);
  const std::string path = "/v1/orgs/4501020001/notices";
  const auto all = page(path, "limit=500", reg(kSchool));
  ASSERT_EQ(all.status, 200) << all.body;
  const std::vector<json> whole = rows_of(all, "notices");
  ASSERT_GE(whole.size(), 5u);
  const auto rows = walk(path, "notices", 2, reg(kSchool));
  EXPECT_EQ(field(rows, "id"), field(whole, "id"));
  expect_once_in_order(rows, "at", "id");
  const auto county = walk("/v1/orgs/450102/notices", "notices", 1, reg("450102"));
  EXPECT_GE(county.size(), 5u);
  expect_once_in_order(county, "at", "id");
}

TEST_P(Pagination, AMalformedLimitOrCursorIs400NamingItAndChangesNothing) {
  open_transfers(kSchool, "4501030002", 3);
  const auto before = page(kPending, "", reg(kSchool)).body;
  const size_t cases = cases_stored();
  for (const char* limit : {"0", "501", "-1", "abc", "1.5", "", "1e2", "10000000000000"}) {
    auto r = page(kPending, std::string("limit=") + limit, reg(kSchool));
    expect_problem(r, 400, "invalid_limit");
    EXPECT_NE(r.json().value("detail", "").find("查询参数 limit"), std::string::npos) << r.body;
  }
  expect_problem(page(kPending, "limit=5&limit=6", reg(kSchool)), 400, "invalid_limit");
  // Not base64url; base64url of no JSON; of JSON of another shape; of a
  // pending cursor with a key of the wrong length.
  for (const std::string& cursor :
       {std::string("!!!"), std::string("bm90IGpzb24"), std::string("eyJhIjoxfQ"),
        std::string("eyJsaXN0IjoicGVuZGluZzo0NTAxMDIwMDAxIiwiYWZ0ZXIiOlsiMjAyNS0xMC0xNiJdfQ"),
        std::string("e30="), std::string("%zz")}) {
    auto r = page(kPending, "cursor=" + cursor, reg(kSchool));
    expect_problem(r, 400, "invalid_cursor");
    EXPECT_NE(r.json().value("detail", "").find("查询参数 cursor"), std::string::npos) << r.body;
  }
  // A notices cursor whose instant is no number.
  expect_problem(
      page("/v1/orgs/4501020001/notices",
           "cursor=eyJsaXN0Ijoibm90aWNlczo0NTAxMDIwMDAxIiwiYWZ0ZXIiOlsieCIsInkiXX0", reg(kSchool)),
      400, "invalid_cursor");
  // Jurisdiction first: a caller who may not read the org learns nothing
  // about its parameters.
  expect_problem(page("/v1/orgs/450103/pending", "limit=0", reg(kSchool)), 403,
                 "out_of_jurisdiction");
  EXPECT_EQ(page(kPending, "", reg(kSchool)).body, before);
  EXPECT_EQ(cases_stored(), cases);
}

TEST_P(Pagination, ACursorServesOnlyItsOwnList) {
  open_transfers(kSchool, "4501030002", 3);
  open_transfers("4501020002", "4501030002", 3);
  ASSERT_EQ(advance("2025-10-25T00:00:00+08:00").status, 200);
  auto first = page(kPending, "limit=1", reg(kSchool));
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string cursor = first.json().value("next_cursor", "");
  ASSERT_FALSE(cursor.empty()) << first.body;
  // Its own list takes it.
  EXPECT_EQ(page(kPending, "limit=1&cursor=" + cursor, reg(kSchool)).status, 200);
  for (const char* other : {"/v1/orgs/4501020001/overdue", "/v1/orgs/4501020001/notices",
                            "/v1/orgs/4501020002/pending", "/v1/orgs/450102/pending"}) {
    auto r = page(other, "cursor=" + cursor, admin("450102"));
    expect_problem(r, 400, "invalid_cursor");
    EXPECT_NE(r.body.find("pending:4501020001"), std::string::npos) << r.body;
  }
  auto overdue = page("/v1/orgs/450102/overdue", "limit=1", reg("450102"));
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  expect_problem(page("/v1/orgs/450100/overdue",
                      "cursor=" + overdue.json().value("next_cursor", ""), reg("450100")),
                 400, "invalid_cursor");
}

// Keyset pages: cases opened while a client walks sort after the position
// it holds (a later due date), so the walk neither repeats nor skips a row
// and meets the new ones at its end.
TEST_P(Pagination, APageWalkIsStableWhileCasesAreAdded) {
  const auto early = open_transfers(kSchool, "4501030002", 6);
  auto first = page(kPending, "limit=3", reg(kSchool));
  ASSERT_EQ(first.status, 200) << first.body;
  std::vector<json> rows = rows_of(first, "pending");
  std::string cursor = first.json().value("next_cursor", "");
  ASSERT_FALSE(cursor.empty());

  ASSERT_EQ(advance("2025-09-29T09:00:00+08:00").status, 200);
  const auto late = open_transfers(kSchool, "4501030002", 4);

  for (int n = 0; n < 10 && !cursor.empty(); ++n) {
    auto r = page(kPending, "limit=3&cursor=" + cursor, reg(kSchool));
    ASSERT_EQ(r.status, 200) << r.body;
    for (const auto& row : rows_of(r, "pending")) rows.push_back(row);
    const json body = r.json();
    cursor = body["next_cursor"].is_string() ? body["next_cursor"].get<std::string>() : "";
  }
  // With each registration's archive step (Art. 6), due two months on.
  ASSERT_EQ(rows.size(), 2 * (early.size() + late.size()));
  expect_once_in_order(rows, "holder_due", "case");
  // The first six are the early cases, the new ones come after them.
  std::set<std::string> first_six;
  for (size_t i = 0; i < early.size(); ++i) first_six.insert(rows[i].value("case", ""));
  EXPECT_EQ(first_six, std::set<std::string>(early.begin(), early.end()));
}

INSTANTIATE_TEST_SUITE_P(Backends, Pagination, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
