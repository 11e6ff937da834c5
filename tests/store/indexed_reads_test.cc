// Reads made on every request or every poll, over tables that keep growing
// with the years, are served by an index on both backends: otherwise each
// one reads the whole table, and costs more the longer the server runs.
// - A student's cases, open or closed (migration 0030): the record route,
//   a deferral's or a leave's opening and the termly check (640-700 ms at
//   a million cases on PostgreSQL without it).
// - The live cases of a record that closes (SqlJournal::open_cases), each
//   number's looked up (1.33 s at a million open cases on PostgreSQL when
//   written as one OR).
// - The notices no webhook has taken (migration 0031): the dispatcher's
//   poll, twice a second (167 ms at 200,000 notices without it).
// - The live registration of a resident ID, on every registration: SQLite
//   read the students table whole for it.
// - The Idempotency-Keys a stopped server left running (migration 0032),
//   freed at every start from a table that keeps every keyed answer.
// - A roster page above a school (migration 0033): the orgs above the
//   schools, then each one's first records after the position (1.15 s a
//   page at a province of a million students when the subtree was sorted).
// - The ministry's overdue page: the open steps in due order, each one's
//   authority looked up (145-223 ms a page on PostgreSQL at a million open
//   steps over a national tree when each of its ~4,000 authorities gave a
//   page).
// - The dropout ledger above a school (migration 0035): its follow-ups
//   from their own indexes, not from those of every open step.
// - The answered Idempotency-Keys by age (migration 0036), a batch of the
//   oldest forgotten at a time when the operator keeps them for so long.
// - The tokens by when they ended (migration 0037), likewise: every
//   sign-in writes one.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "adapters/store/database.h"
#include "adapters/store/ended_tokens.h"
#include "adapters/store/idempotency_store.h"
#include "adapters/store/outbox.h"
#include "adapters/store/read_model.h"
#include "adapters/store/sql_journal.h"
#include "tests/engine/case_fixture.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class IndexedReads : public BothBackends {
 protected:
  void SetUp() override {
    auto opened = store::Connection::open(fresh_demo_database(GetParam()));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    connection_ = std::move(*opened);
    // PostgreSQL plans by the table's size: on empty tables any plan is
    // cheap, and it may read the whole index where a lookup would do. So
    // its tables get a province's spread of rows first: 20,000 cases over
    // 10,000 students, four in five live; 20,000 notices, most delivered.
    if (GetParam() == "postgresql") {
      soci::session& sql = connection_->sql();
      sql << "INSERT INTO cases (id, kind, status, rule_version, subject, event_count, "
             "next_instant, snapshot, updated_at) SELECT 'C' || g, 'transfer', CASE WHEN g % 5 = 0 "
             "THEN 'completed' ELSE 'open' END, 'r', 'G' || (g % 10000), 1, NULL, '', 0 FROM "
             "generate_series(1, 20000) g";
      sql << "INSERT INTO notices (id, org, case_id, kind, at, body, delivered_at) SELECT 'N' || "
             "g, '45010200' || lpad((g % 50)::text, 2, '0'), 'C' || g, 'k', g, '', CASE WHEN g % "
             "100 = 0 THEN NULL ELSE g END FROM generate_series(1, 20000) g";
      sql << "ANALYZE cases";
      sql << "ANALYZE notices";
    }
  }

  // Gives the fixture's open cases (PostgreSQL's) an open step each, of
  // the kind `kind` (an SQL expression) names, due over 90 days, over 200
  // authorities: so that the planner weighs the pages' indexes.
  void give_open_steps(const std::string& kind) {
    connection_->sql() << "UPDATE cases SET kind = " + kind +
                              ", active_step = 'sending_school', active_org = '4501020001', "
                              "holder = '4501020001', active_due = to_char(date '2026-09-01' + "
                              "substring(id from 2)::int % 90, 'YYYY-MM-DD'), holder_due = "
                              "'2026-12-01', active_authority = '45' || lpad((substring(id from "
                              "2)::int % 200)::text, 4, '0') WHERE status = 'open'";
  }

  // The plan of `query`, as text, with each `:name` in `literals` replaced
  // by its value.
  std::string plan_of(std::string query,
                      const std::vector<std::pair<std::string, std::string>>& literals) {
    for (const auto& [name, value] : literals) {
      const auto at = query.find(name);
      EXPECT_NE(at, std::string::npos) << name << " not in " << query;
      if (at != std::string::npos) query.replace(at, name.size(), value);
    }
    soci::session& sql = connection_->sql();
    std::string plan;
    if (GetParam() == "sqlite") {
      // id, parent, unused, detail: the detail says SCAN or SEARCH and how.
      soci::rowset<soci::row> rows = (sql.prepare << "EXPLAIN QUERY PLAN " << query);
      for (const auto& r : rows) plan += r.get<std::string>(3) + "\n";
    } else {
      // Nor may it read a table whole, where an index can serve the read.
      sql << "SET enable_seqscan = off";
      soci::rowset<std::string> rows = (sql.prepare << "EXPLAIN " << query);
      for (const auto& line : rows) plan += line + "\n";
    }
    return plan;
  }

  // Both statements that age `rows` out (store/aged_rows.h), the search for
  // the batch's last before `nth_cut` and the deletion before
  // `forget_cut`, read `index` alone: on SQLite a search of it by `search`
  // ("(created_at<?)") with no sort; on PostgreSQL no sort, hash or whole
  // table.
  void expect_aged_by_index(const store::AgedRows& rows, const std::string& nth_cut,
                            const std::string& forget_cut, const std::string& index,
                            const std::string& search) {
    const std::string nth = plan_of(rows.nth_oldest_statement(10000), {{":b", nth_cut}});
    const std::string forget = plan_of(rows.forget_statement(), {{":b", forget_cut}});
    for (const auto& plan : {nth, forget}) {
      if (GetParam() == "sqlite") {
        EXPECT_NE(plan.find("USING INDEX " + index + " " + search), std::string::npos) << plan;
        EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
      } else {
        EXPECT_NE(plan.find(index), std::string::npos) << plan;
        for (const char* whole : {"Sort", "Hash", "Seq Scan"}) {
          EXPECT_EQ(plan.find(whole), std::string::npos) << plan;
        }
      }
    }
  }

  std::unique_ptr<store::Connection> connection_;
};

TEST_P(IndexedReads, AStudentsCasesAreFoundByIndexInTheirOrder) {
  const std::string plan = plan_of(store::kCasesOfSubject, {{":s", "'G450102201009010011'"}});
  EXPECT_NE(plan.find("cases_subject"), std::string::npos) << plan;
  // SQLite gives them in id order from the index, with no sort after
  // (PostgreSQL may sort a student's few rows, which costs nothing).
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

TEST_P(IndexedReads, TheLiveCasesOfEachNumberOfAClosedRecordAreLookedUpBySubject) {
  const std::string number = "'G450102201009010011'";
  const std::string plan =
      plan_of(store::kOpenCasesOfRecord, {{":s", number}, {":g", number}, {":l", number}});
  if (GetParam() == "sqlite") {
    EXPECT_NE(plan.find("SEARCH cases USING"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("SCAN cases"), std::string::npos) << plan;
  } else {
    EXPECT_NE(plan.find("Index Cond: (subject ="), std::string::npos) << plan;
  }
}

TEST_P(IndexedReads, TheUndeliveredNoticesOfAWebhooksOrgsAreFoundByIndex) {
  const std::string plan = plan_of(store::undelivered_notices_query(2, 100),
                                   {{":o0", "'4501020001'"}, {":o1", "'450102'"}});
  EXPECT_NE(plan.find("notices_undelivered"), std::string::npos) << plan;
}

TEST_P(IndexedReads, TheUndeliveredNoticesAreCountedFromTheirIndex) {
  const std::string plan = plan_of(store::kCountUndeliveredNotices, {});
  EXPECT_NE(plan.find("notices_undelivered"), std::string::npos) << plan;
}

TEST_P(IndexedReads, ALiveRegistrationIsFoundByItsResidentIdsIndex) {
  // Each registration asks it (Art. 9). The partial index serves it only
  // where the statement's own terms imply the index's: SQLite plans once,
  // before the value is known, and so does a PostgreSQL generic plan.
  const std::string query = store::live_student_by_resident_id();
  const std::string plan = plan_of(query, {{":r", "'450102201309150011'"}});
  if (GetParam() == "sqlite") {
    EXPECT_NE(plan.find("SEARCH students USING INDEX students_live_resident_id"), std::string::npos)
        << plan;
  } else {
    EXPECT_NE(plan.find("students_live_resident_id"), std::string::npos) << plan;
    soci::session& sql = connection_->sql();
    std::string prepared = query;
    prepared.replace(prepared.find(":r"), 2, "$1");
    sql << "PREPARE live_by_id(text) AS " << prepared;
    sql << "SET plan_cache_mode = force_generic_plan";
    soci::rowset<std::string> rows = (sql.prepare << "EXPLAIN EXECUTE live_by_id('x')");
    std::string generic;
    for (const auto& line : rows) generic += line + "\n";
    sql << "RESET plan_cache_mode";
    EXPECT_NE(generic.find("students_live_resident_id"), std::string::npos) << generic;
  }
}

TEST_P(IndexedReads, AnEmptyResidentIdNamesNoRegistration) {
  auto store = open_migrated(fresh_demo_database(GetParam()));
  ASSERT_TRUE(store != nullptr);
  Student with_id = make_student("4501020001", 5);
  Student without = make_student("4501020001", 5, StudentStatus::enrolled, "20130915", "002");
  without.resident_id = "";
  ASSERT_TRUE(store->insert_student(with_id).ok());
  ASSERT_TRUE(store->insert_student(without).ok());
  auto found = store->reads.find_live_student(with_id.resident_id);
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->registration_number, with_id.registration_number);
  auto none = store->reads.find_live_student("");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());
}

TEST_P(IndexedReads, TheKeysAStopLeftRunningAreFoundByIndex) {
  // Once a start, over every keyed answer ever given.
  const std::string plan = plan_of(store::kReleaseAbandonedAnswers, {});
  EXPECT_NE(plan.find("idempotency_keys_running"), std::string::npos) << plan;
}

TEST_P(IndexedReads, ARosterPageAboveASchoolReadsAPageFromEachCountysIndex) {
  const std::string walk = plan_of(store::school_parents_under(), {{":o", "'450000'"}});
  EXPECT_NE(walk.find("orgs_parent_above_schools"), std::string::npos) << walk;
  if (GetParam() == "sqlite") {
    // Each county's numbers come in order from the index alone: no sort.
    const std::string own =
        plan_of(store::numbers_of_school_parent(101), {{":p", "'450102'"}, {":k", "''"}});
    EXPECT_NE(own.find("SEARCH students USING COVERING INDEX students_parent_page (school_parent=? "
                       "AND registration_number>?)"),
              std::string::npos)
        << own;
    EXPECT_EQ(own.find("TEMP B-TREE"), std::string::npos) << own;
  } else {
    const std::string page =
        plan_of(store::students_under_school_parents(101), {{":o", "'450000'"}, {":k", "''"}});
    EXPECT_NE(page.find("orgs_parent_above_schools"), std::string::npos) << page;
    EXPECT_NE(page.find("Index Only Scan using students_parent_page"), std::string::npos) << page;
    EXPECT_NE(page.find("Index Cond: ((school_parent = above.code) AND (registration_number > "),
              std::string::npos)
        << page;
  }
}

TEST_P(IndexedReads, TheMinistrysOverduePageReadsTheStepsInDueOrder) {
  if (GetParam() == "postgresql") {
    // The fixture's cases have no open step: these do, a county's worth
    // each over 200 authorities, so that the planner weighs the index.
    soci::session& sql = connection_->sql();
    give_open_steps("'transfer'");
    sql << "ANALYZE cases";
  }
  for (bool after : {false, true}) {
    std::vector<std::pair<std::string, std::string>> literals = {{":a", "'000000'"},
                                                                 {":d", "'2026-12-06'"}};
    if (after) literals.insert(literals.end(), {{":k", "'2026-10-01'"}, {":i", "'C10'"}});
    const std::string plan = plan_of(store::steps_of_every_authority(101, after), literals);
    // In due order from the index, no sort, each authority by its key.
    if (GetParam() == "sqlite") {
      EXPECT_NE(plan.find("SEARCH cases USING INDEX cases_overdue ("), std::string::npos) << plan;
      EXPECT_NE(plan.find("active_due<?)"), std::string::npos) << plan;
      EXPECT_NE(plan.find("SEARCH orgs USING INDEX sqlite_autoindex_orgs_1 (code=?)"),
                std::string::npos)
          << plan;
      EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
    } else {
      EXPECT_NE(plan.find("Index Scan using cases_overdue on cases"), std::string::npos) << plan;
      EXPECT_NE(plan.find("Index Scan using orgs_pkey on orgs"), std::string::npos) << plan;
      EXPECT_EQ(plan.find("Sort"), std::string::npos) << plan;
      EXPECT_EQ(plan.find("Hash"), std::string::npos) << plan;
    }
  }
}

TEST_P(IndexedReads, TheDropoutLedgerReadsItsFollowUpsFromTheirOwnIndex) {
  if (GetParam() == "postgresql") {
    // Half the open steps follow-ups (8,000), over 200 authorities, in a
    // tree whose orgs are nearly all schools, as a real one is: written as
    // a join of orgs, the ministry's page was then expected to keep few
    // steps, and was planned to read every follow-up (hashing orgs whole
    // where it may read them in turn) and keep the first after.
    soci::session& sql = connection_->sql();
    sql << "INSERT INTO orgs (code, name, level, parent) SELECT '4501029' || lpad(g::text, 7, "
           "'0'), 'S', 'school', '450102' FROM generate_series(1, 200000) g";
    give_open_steps(
        "CASE WHEN substring(id from 2)::int % 2 = 0 THEN 'dropout_follow_up' ELSE 'transfer' "
        "END");
    sql << "ANALYZE orgs";
    sql << "ANALYZE cases";
  }
  const std::string kind = "dropout_follow_up";
  for (bool after : {false, true}) {
    std::vector<std::pair<std::string, std::string>> literals = {{":a", "'000000'"},
                                                                 {":d", "'2026-12-06'"}};
    if (after) literals.insert(literals.end(), {{":k", "'2026-10-01'"}, {":i", "'C10'"}});
    // The ministry's, in due order; an authority's, by its key: both from
    // the follow-ups' own indexes, with no sort.
    const std::string ministry =
        plan_of(store::steps_of_every_authority(101, after, kind), literals);
    if (GetParam() == "sqlite") {
      EXPECT_NE(ministry.find("SEARCH cases USING COVERING INDEX cases_follow_ups ("),
                std::string::npos)
          << ministry;
      EXPECT_EQ(ministry.find("TEMP B-TREE"), std::string::npos) << ministry;
      literals[0].second = "'450102'";
      const std::string county = plan_of(store::steps_of_authority(101, after, kind), literals);
      EXPECT_NE(county.find("SEARCH cases USING COVERING INDEX cases_follow_ups_authority "
                            "(active_authority=?"),
                std::string::npos)
          << county;
      EXPECT_EQ(county.find("TEMP B-TREE"), std::string::npos) << county;
    } else {
      EXPECT_NE(ministry.find("Index Only Scan using cases_follow_ups on cases"), std::string::npos)
          << ministry;
      EXPECT_NE(ministry.find("Index Scan using orgs_pkey on orgs"), std::string::npos) << ministry;
      for (const char* whole : {"Sort", "Hash", "Gather"}) {
        EXPECT_EQ(ministry.find(whole), std::string::npos) << ministry;
      }
      std::vector<std::pair<std::string, std::string>> under = {{":o", "'450000'"}};
      under.insert(under.end(), literals.begin() + 1, literals.end());
      const std::string province =
          plan_of(store::steps_of_authorities_under(101, after, kind), under);
      // By each authority's key (read from the table here, as the rows
      // this test changed are not yet vacuumed).
      EXPECT_NE(province.find("on cases_follow_ups_authority"), std::string::npos) << province;
      EXPECT_NE(province.find("Index Cond: ((active_authority = above.code)"), std::string::npos)
          << province;
    }
  }
}

TEST_P(IndexedReads, TheOldestAnsweredKeysAreFoundByTheirAgesIndex) {
  if (GetParam() == "postgresql") {
    // A table of answers far larger than a batch: 200,000 over 400 days.
    soci::session& sql = connection_->sql();
    sql << "INSERT INTO idempotency_keys (key, request_hash, status, content_type, body, "
           "created_at) SELECT 'K' || g, 'h', CASE WHEN g % 100 = 0 THEN 0 ELSE 201 END, 'a', "
           "'{}', 1772294400 - (g % 400) * 86400 - g % 86400 FROM generate_series(1, 200000) g";
    sql << "ANALYZE idempotency_keys";
  }
  expect_aged_by_index(store::kAnsweredKeys, "1769702400", "1740000000",
                       "idempotency_keys_answered_age", "(created_at<?)");
}

TEST_P(IndexedReads, TheLongestEndedTokensAreFoundByTheirEndsIndex) {
  if (GetParam() == "postgresql") {
    // A year of sign-ins, 200,000 tokens, most expired; one in fifty
    // revoked; one in a hundred a system token issued until revoked.
    soci::session& sql = connection_->sql();
    sql << "INSERT INTO accounts (name, org, role, kind, password_hash, password_changed, "
           "last_used, created_at) VALUES ('a', '4501020001', 'registrar', 'person', 'x', "
           "'2026-01-01', '2026-01-01', 0)";
    sql << "INSERT INTO tokens (id, token_hash, account, kind, issued_at, expires_at, "
           "revoked_at) SELECT 'T' || g, 'h' || g, 'a', 'session', 1772294400 - (g % 365) * "
           "86400, CASE WHEN g % 100 = 0 THEN NULL ELSE 1772294400 - (g % 365) * 86400 + 28800 "
           "END, CASE WHEN g % 50 = 1 THEN 1772294400 - (g % 365) * 86400 + 3600 END FROM "
           "generate_series(1, 200000) g";
    sql << "ANALYZE tokens";
  }
  expect_aged_by_index(store::kEndedTokens, "1769702400", "1745000000", "tokens_ended",
                       "(<expr><?)");
}

INSTANTIATE_TEST_SUITE_P(Backends, IndexedReads, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
