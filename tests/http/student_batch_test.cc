// The September intake over HTTP (POST /v1/students/batch), on PostgreSQL
// and SQLite: a batch with bad rows registers the good ones and answers
// each bad row with the very problem a single POST of that body gets;
// all-or-nothing registers none; NDJSON and CSV; over the limit, 413; the
// batch audited once with its counts and each registration as a single
// one is.

#include <set>

#include "tests/engine/case_fixture.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

class StudentBatch : public ApiFixture {
 protected:
  HttpAnswer batch(const std::string& body, const std::string& type,
                   const std::string& query = "") {
    if (token_.empty()) token_ = sign_in(reg("4501020001")).json().value("token", "");
    return http_call(server_->port(), "POST", "/v1/students/batch" + query, body,
                     {{"Authorization", "Bearer " + token_}, {"Content-Type", type}});
  }

  HttpAnswer by_id(const std::string& id) {
    return call("GET", "/v1/students/by-resident-id/" + id, nullptr, reg("4501020001"));
  }

  // The problem POST /v1/students answers `body` with, alone.
  json single_problem(const json& body) {
    auto r = call("POST", "/v1/students", body, reg("4501020001"));
    EXPECT_GE(r.status, 400) << r.body;
    return r.json();
  }

  std::string token_;
};

TEST_P(StudentBatch, RegistersTheGoodRowsAndAnswersEachBadOneAsASinglePostWould) {
  const json good1{
      {"id", entrant_id(11)}, {"name", "张一"}, {"school", "4501020001"}, {"grade", 1}};
  const json bad_id{
      {"id", "450102201503020000"}, {"name", "张二"}, {"school", "4501020001"}, {"grade", 1}};
  const json bad_school{
      {"id", entrant_id(13)}, {"name", "张三"}, {"school", "4501029999"}, {"grade", 1}};
  const json outside{
      {"id", entrant_id(15)}, {"name", "张四"}, {"school", "4501030002"}, {"grade", 1}};
  const json no_id{{"name", "张五"},
                   {"school", "4501020001"},
                   {"grade", 1},
                   {"birth_date", "2015-04-01"},
                   {"gender", "female"}};
  const json again{
      {"id", entrant_id(11)}, {"name", "张一"}, {"school", "4501020001"}, {"grade", 2}};
  const std::string ndjson = good1.dump() + "\n" + bad_id.dump() + "\n\n" + bad_school.dump() +
                             "\n" + outside.dump() + "\n" + no_id.dump() + "\n" + again.dump() +
                             "\n{\"name\": \n";
  auto r = batch(ndjson, "application/x-ndjson");
  ASSERT_EQ(r.status, 200) << r.body;
  const json answer = r.json();
  EXPECT_EQ(answer["rows_total"], 7);
  EXPECT_EQ(answer["registered"], 2);
  EXPECT_EQ(answer["refused"], 5);
  const json& rows = answer["rows"];
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0]["outcome"], "registered");
  EXPECT_EQ(rows[0]["status"], 201);
  EXPECT_EQ(rows[0]["student"]["registration_number"], "G" + entrant_id(11));
  EXPECT_EQ(rows[4]["outcome"], "registered");
  const std::string j_number = rows[4]["student"].value("registration_number", "");
  EXPECT_EQ(j_number.substr(0, 1), "J");
  // Each refused row: exactly the problem the same body posted alone gets
  // (the duplicate after the batch stored its first row, as it would be).
  const std::vector<std::pair<int, json>> refused = {
      {1, bad_id}, {2, bad_school}, {3, outside}, {5, again}};
  for (const auto& [i, body] : refused) {
    EXPECT_EQ(rows[i]["outcome"], "refused") << rows[i];
    EXPECT_EQ(rows[i]["row"], i + 1);
    EXPECT_EQ(rows[i]["problem"], single_problem(body)) << i;
    EXPECT_EQ(rows[i]["status"], rows[i]["problem"]["status"]);
  }
  EXPECT_EQ(rows[3]["problem"]["type"], "urn:xueji:problem:out_of_jurisdiction");
  EXPECT_EQ(rows[5]["problem"]["type"], "urn:xueji:problem:duplicate_registration");
  EXPECT_EQ(rows[6]["problem"]["type"], "urn:xueji:problem:malformed_json");
  EXPECT_EQ(rows[6]["status"], 400);
  // The good ones are stored, the bad ones are not.
  EXPECT_EQ(by_id(entrant_id(11)).status, 200);
  EXPECT_EQ(by_id(entrant_id(13)).status, 404);
  EXPECT_EQ(by_id(entrant_id(15)).status, 404);
  EXPECT_EQ(call("GET", "/v1/students/" + j_number, nullptr, reg("4501020001")).status, 200);
  // Audited: the batch once with its counts, each registration as alone.
  int batches = 0, registrations = 0;
  for (const auto& e : audit_trail()) {
    if (e.action == "student.register_batch") {
      ++batches;
      EXPECT_EQ(e.outcome, "rows_refused");
      EXPECT_EQ(e.account, "reg.4501020001");
      EXPECT_NE(e.detail.find("7 rows: 2 registered, 5 refused"), std::string::npos) << e.detail;
      EXPECT_NE(e.detail.find("2 (invalid_resident_id)"), std::string::npos) << e.detail;
    }
    if (e.action == "student.register" && e.outcome == "ok" &&
        (e.target == "student:G" + entrant_id(11) || e.target == "student:" + j_number)) {
      ++registrations;
    }
  }
  EXPECT_EQ(batches, 1);
  EXPECT_EQ(registrations, 2);
}

TEST_P(StudentBatch, AllOrNothingRegistersNoneWhenARowIsRefused) {
  const std::string csv = "id,name,school,grade\n" + entrant_id(21) + ",李一,4501020001,1\n" +
                          entrant_id(23) + ",李二,4501020001,twelve\n";
  auto r = batch(csv, "text/csv", "?mode=all_or_nothing");
  ASSERT_EQ(r.status, 200) << r.body;
  const json answer = r.json();
  EXPECT_EQ(answer["registered"], 0);
  EXPECT_EQ(answer["rows"][0]["outcome"], "not_registered");
  EXPECT_EQ(answer["rows"][0]["status"], 424);
  EXPECT_EQ(answer["rows"][1]["problem"]["type"], "urn:xueji:problem:invalid_field");
  EXPECT_EQ(by_id(entrant_id(21)).status, 404);
  bool audited = false;
  for (const auto& e : audit_trail()) {
    audited = audited || (e.action == "student.register_batch" && e.outcome == "refused");
    EXPECT_NE(e.target, "student:G" + entrant_id(21));
  }
  EXPECT_TRUE(audited);
  // The same rows, the bad one mended: all registered.
  const std::string mended = "id,name,school,grade\n" + entrant_id(21) + ",李一,4501020001,1\n" +
                             entrant_id(23) + ",李二,4501020001,2\n";
  r = batch(mended, "text/csv; charset=utf-8", "?mode=all_or_nothing");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["registered"], 2);
  EXPECT_EQ(by_id(entrant_id(23)).json().value("grade", 0), 2);
}

TEST_P(StudentBatch, CsvRowsReadAsTheJsonBodyAndTakeConsecutiveSerials) {
  // Twins before verification: one division and birth date, consecutive
  // L serials in one batch (Art. 8); a quoted name with a comma.
  const std::string csv = "\xEF\xBB\xBFid,name,school,grade,identity_verified\r\n" +
                          entrant_id(31) + ",\"欧阳,一\",4501020001,1,false\r\n" + entrant_id(33) +
                          ",欧阳二,4501020001,1,false\r\n" + entrant_id(35) +
                          ",欧阳三,4501020001\r\n";
  auto r = batch(csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  const json rows = r.json()["rows"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["student"]["registration_number"], "L450102201503020000");
  EXPECT_EQ(rows[0]["student"]["name"], "欧阳,一");
  EXPECT_EQ(rows[1]["student"]["registration_number"], "L450102201503020001");
  EXPECT_EQ(rows[2]["problem"]["type"], "urn:xueji:problem:invalid_field");
  EXPECT_EQ(rows[2]["problem"]["detail"], "该行有 3 个单元格，而表头列出 5 个字段");
}

TEST_P(StudentBatch, RefusesABatchOverTheLimitOrOfAnotherTypeAndStoresNothing) {
  std::string many;
  for (int i = 0; i < 10'001; ++i) many += "{}\n";
  auto r = batch(many, "application/x-ndjson");
  expect_problem(r, 413, "body_too_large");
  EXPECT_EQ(r.json()["detail"], "批量注册每批不得超过 10000 行，本批为 10001 行");
  const std::string one =
      json{{"id", entrant_id(41)}, {"name", "赵一"}, {"school", "4501020001"}, {"grade", 1}}.dump();
  expect_problem(batch(one, "text/plain"), 415, "unsupported_media_type");
  expect_problem(batch(one, "application/x-ndjson", "?mode=some"), 400, "invalid_query");
  expect_problem(batch("", "application/x-ndjson"), 422, "invalid_field");
  EXPECT_EQ(by_id(entrant_id(41)).status, 404);
  // Within the limit the same row goes in.
  r = batch(one, "application/x-ndjson");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(by_id(entrant_id(41)).status, 200);
}

// Art. 6: each row's archive case opens after the batch as after a single
// registration, settling its duty; the openings go side by side, so they
// share group commits (one after another, they took a commit each: 32 s
// for 10,000 rows on 2026-12-04).
TEST_P(StudentBatch, EachStoredRowsArchiveCaseOpensAndTheOpeningsShareCommits) {
  constexpr int kRows = 300;
  std::string csv = "id,name,school,grade\n";
  for (int i = 0; i < kRows; ++i) csv += entrant_id(500 + i) + ",周同学,4501020001,1\n";
  const auto commits = [this] {
    int64_t n = 0;
    for (int64_t c : engine_->stats().batch_sizes) n += c;
    return n;
  };
  const int64_t before = commits();
  auto r = batch(csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["registered"], kRows);
  EXPECT_LT(commits() - before, kRows / 2);
  auto store = TestStore::open(url_);
  ASSERT_TRUE(store.ok());
  auto owed = (*store)->journal().owed_archive_duties();
  ASSERT_TRUE(owed.ok()) << owed.error().message;
  EXPECT_TRUE(owed->empty()) << owed->size() << " duties left owed";
  std::set<std::string> opened;  // case ids
  const json answer = r.json();
  for (const auto& row : answer["rows"]) {
    const std::string number = row["student"].value("registration_number", "");
    auto cases = (*store)->reads.case_states_of(number);
    ASSERT_TRUE(cases.ok()) << cases.error().message;
    int built = 0;
    for (const auto& c : *cases) {
      if (c.kind != "archive_build") continue;
      ++built;
      opened.insert(c.id);
      EXPECT_EQ(c.subject, number);
    }
    EXPECT_EQ(built, 1) << number;
  }
  EXPECT_EQ(opened.size(), static_cast<size_t>(kRows));
  // Each opening audited once, naming the registrar whose batch owed it.
  int audited = 0;
  for (const auto& e : audit_trail()) {
    if (e.action != "case.open" || opened.count(e.target.substr(5)) == 0) continue;
    ++audited;
    EXPECT_EQ(e.account, "reg.4501020001");
    EXPECT_EQ(e.outcome, "ok");
  }
  EXPECT_EQ(audited, kRows);
}

INSTANTIATE_TEST_SUITE_P(Backends, StudentBatch, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
