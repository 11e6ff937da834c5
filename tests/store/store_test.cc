// The same store suite on PostgreSQL and on SQLite.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>
#include <tuple>
#include <vector>

#include "engine/case/event_codec.h"
#include "engine/case/notice.h"
#include "tests/engine/event_json_reference.h"
#include "tests/store/case_steps.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

class StoreTest : public CaseSteps, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    url_ = fresh_database(GetParam());
    store_ = open_migrated(url_);
    ASSERT_NE(store_, nullptr);
  }

  OpenCase transfer() { return transfer_to_4501030002(student("4501020001", 5)); }

  std::string url_;
  std::unique_ptr<TestStore> store_;
};

TEST_P(StoreTest, MigrationsApplyOnce) {
  auto again = store_->migrate(project_path("migrations"));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, 0);
  for (const char* table :
       {"orgs", "students", "cases", "case_events", "notices", "audit_entries"}) {
    auto n = store_->count_rows(table);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(*n, 0) << table;
  }
  EXPECT_FALSE(store_->count_rows("students; DROP TABLE cases").ok());
}

TEST_P(StoreTest, CommittedTransitionsReadBackExactly) {
  std::vector<Transition> batch;
  batch.push_back(step(transfer(), at("2025-09-26T10:00:00+08:00")));
  ASSERT_TRUE(store_->commit(batch).ok());
  batch = {step(DecideStep{"sending_school", "4501020001", "approve", "同意"},
                at("2025-10-09T09:00:00+08:00"))};
  ASSERT_TRUE(store_->commit(batch).ok());
  // Silence at the county: escalation notices.
  for (auto t = state_.next_timer(); t && t->at < at("2025-11-01T00:00:00+08:00");
       t = state_.next_timer()) {
    CaseCommand c = t->kind == DueTimer::Kind::reminder
                        ? CaseCommand(ReminderDue{t->step, t->at})
                        : CaseCommand(DeadlineReached{t->step, t->at});
    ASSERT_TRUE(store_->commit({step(c, t->at)}).ok());
  }
  auto loaded = store_->load_case("c1");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ(**loaded, state_);
  auto events = store_->load_events("c1");
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ(events->size(), history_.size());
  EXPECT_EQ(replay("c1", *events), state_);
  // The escalation notice reached the county's inbox; the reminder the school's.
  auto county = store_->notices_for_org("450102");
  ASSERT_TRUE(county.ok());
  ASSERT_FALSE(county->empty());
  EXPECT_EQ(county->front().kind, "reminder");
  auto city = store_->notices_for_org("450100");
  ASSERT_TRUE(city.ok());
  ASSERT_EQ(city->size(), 1u);
  EXPECT_EQ(city->front().kind, "escalation");
  EXPECT_EQ(city->front().case_id, "c1");
  // The deadline index holds the case at its next instant.
  auto wakes = store_->pending_wakes();
  ASSERT_TRUE(wakes.ok());
  ASSERT_EQ(wakes->size(), 1u);
  EXPECT_EQ(wakes->front().at, state_.next_timer()->at);
  EXPECT_FALSE((*store_->load_case("nope")).has_value());
  // Several at once, as the directory loads them: those that exist.
  auto many = store_->load_cases({"nope", "c1", "nope either"});
  ASSERT_TRUE(many.ok()) << many.error().message;
  ASSERT_EQ(many->size(), 1u);
  EXPECT_EQ(many->at("c1"), state_);
}

TEST_P(StoreTest, ABatchCommitsWhollyOrNotAtAll) {
  const Transition first = step(transfer(), at("2025-09-26T10:00:00+08:00"));
  const CaseState first_state = state_;
  ASSERT_TRUE(store_->commit({first}).ok());
  // A second case in the same batch as a replay of c1's first events (same
  // sequence numbers): the batch fails and the second case is not written.
  CaseState other;
  other.id = "c2";
  auto events = decide(other, transfer(), at("2025-09-27T10:00:00+08:00"), context());
  ASSERT_TRUE(events.ok());
  const CaseState second_state = replay("c2", *events);
  const Transition second = case_transition(0, *events, second_state);
  auto failed = store_->commit({second, first});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "store_failed");
  EXPECT_FALSE((*store_->load_case("c2")).has_value());
  EXPECT_EQ(*store_->count_rows("case_events"), 2);
  EXPECT_EQ(*store_->count_rows("cases"), 1);
  // The statements the failed batch prepared serve the next batch.
  ASSERT_TRUE(store_->commit({second}).ok());
  EXPECT_EQ(*store_->count_rows("case_events"), 4);
  EXPECT_EQ(*store_->count_rows("cases"), 2);
  auto both = store_->load_cases({"c2", "c3", "c1"});
  ASSERT_TRUE(both.ok()) << both.error().message;
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ(both->at("c1"), first_state);
  EXPECT_EQ(both->at("c2"), second_state);
}

// A case read whole (GET /v1/cases/{id}, the progress view) comes with
// the events its state folded, in order, from one statement; an id with
// no case row is no case, even with events stored under it.
TEST_P(StoreTest, ACaseWithItsEventsIsReadInOneStatement) {
  ASSERT_TRUE(store_->commit({step(transfer(), at("2025-09-26T10:00:00+08:00"))}).ok());
  ASSERT_TRUE(store_
                  ->commit({step(DecideStep{"sending_school", "4501020001", "approve", "同意"},
                                 at("2025-10-09T09:00:00+08:00"))})
                  .ok());
  auto whole = store_->reads.load_case_with_events("c1");
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  ASSERT_TRUE(whole->has_value());
  EXPECT_EQ((*whole)->state, state_);
  auto events = store_->load_events("c1");
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ((*whole)->events.size(), history_.size());
  ASSERT_EQ((*whole)->events.size(), events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ(event_body((*whole)->events[i]), event_body((*events)[i])) << i;
  }
  EXPECT_EQ(replay("c1", (*whole)->events), state_);

  auto unknown = store_->reads.load_case_with_events("c9");
  ASSERT_TRUE(unknown.ok()) << unknown.error().message;
  EXPECT_FALSE(unknown->has_value());
  // Events under an id whose case row is gone (none is written so).
  {
    auto connection = store::Connection::open(url_);
    ASSERT_TRUE(connection.ok()) << connection.error().message;
    (*connection)->sql() << "INSERT INTO case_events (case_id, seq, type, at, body) SELECT 'c8', "
                            "seq, type, at, body FROM case_events WHERE case_id = 'c1'";
  }
  auto orphan = store_->reads.load_case_with_events("c8");
  ASSERT_TRUE(orphan.ok()) << orphan.error().message;
  EXPECT_FALSE(orphan->has_value());
}

TEST_P(StoreTest, AStudentsCasesAreReadWholeFromOneStatementInIdOrder) {
  ASSERT_TRUE(store_->commit({step(transfer(), at("2025-09-26T10:00:00+08:00"))}).ok());
  const CaseState first = state_;
  // A second case of the same student, under an id before the first's.
  state_ = CaseState{};
  state_.id = "c0";
  history_.clear();
  ASSERT_TRUE(store_->commit({step(transfer(), at("2025-10-09T09:00:00+08:00"))}).ok());
  ASSERT_EQ(state_.subject, first.subject);

  auto whole = store_->reads.case_states_of(first.subject);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  ASSERT_EQ(whole->size(), 2u);
  EXPECT_EQ((*whole)[0], state_);
  EXPECT_EQ((*whole)[1], first);
  // The same as reading each case by its id.
  for (size_t i = 0; i < whole->size(); ++i) {
    auto one = store_->reads.load_case((*whole)[i].id);
    ASSERT_TRUE(one.ok() && one->has_value()) << (*whole)[i].id;
    EXPECT_EQ(**one, (*whole)[i]) << i;
  }

  auto none = store_->reads.case_states_of("G" + first.subject);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_TRUE(none->empty());
}

// On PostgreSQL a batch travels as one array literal per column: text that
// looks like array syntax, quotes, backslashes and "NULL" must come back
// exactly as written.
TEST_P(StoreTest, TextSurvivesABatchByteForByte) {
  ASSERT_TRUE(store_->commit({step(transfer(), at("2025-09-26T10:00:00+08:00"))}).ok());
  const std::string comment = R"(同意 "quoted" \back\slash\ {a,b} NULL, '; DROP TABLE cases; --)";
  auto decided = step(DecideStep{"sending_school", "4501020001", "approve", comment},
                      at("2025-10-09T09:00:00+08:00"));
  Notice notice{"c1/2/9",         "450102", "c1",   "reminder", at("2025-10-09T09:00:00+08:00"),
                "sending_county", "",       "NULL", "",         false};
  decided.notices.push_back(notice);
  notice.id = "c1/2/10";
  notice.text = comment;
  decided.notices.push_back(notice);
  ASSERT_TRUE(store_->commit({decided}).ok());
  auto events = store_->load_events("c1");
  ASSERT_TRUE(events.ok()) << events.error().message;
  ASSERT_EQ(events->size(), history_.size());
  bool noted = false;
  for (size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ(testing::event_to_json((*events)[i]), testing::event_to_json(history_[i])) << i;
    noted = noted || (*events)[i].note == comment;
  }
  EXPECT_TRUE(noted);
  EXPECT_EQ(replay("c1", *events), state_);
  auto loaded = store_->load_case("c1");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ(**loaded, state_);
  auto inbox = store_->notices_for_org(notice.org);
  ASSERT_TRUE(inbox.ok());
  int found = 0;
  for (const auto& n : *inbox) {
    if (n.id == "c1/2/9") found += n.text == "NULL" && n.due.empty() ? 1 : 100;
    if (n.id == "c1/2/10") found += n.text == comment ? 1 : 100;
  }
  EXPECT_EQ(found, 2);
  EXPECT_EQ(*store_->count_rows("cases"), 1);
}

TEST_P(StoreTest, StudentsKeepOneLiveRegistrationPerPerson) {
  Student s = student("4501020001", 5);
  s.birth_date = *Date::parse("2013-09-15");
  ASSERT_TRUE(store_->insert_student(s).ok());
  auto found = store_->find_student(s.registration_number);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "李小明");
  EXPECT_EQ((*found)->birth_date, s.birth_date);
  // The database refuses a second live registration of the same person.
  Student twin = s;
  twin.registration_number = "L450102201309150000";
  EXPECT_FALSE(store_->insert_student(twin).ok());
  EXPECT_EQ(store_->load_students()->size(), 1u);
  // A student change commits with its case's transition (opening a transfer
  // marks the student transfer_pending).
  Transition t = step(transfer(), at("2025-09-26T10:00:00+08:00"));
  ASSERT_EQ(t.student_changes.size(), 1u);
  auto committed = store_->commit({t});
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  EXPECT_EQ((*store_->find_student(s.registration_number))->status,
            StudentStatus::transfer_pending);
}

TEST_P(StoreTest, SeedsAndLoadsTheOrgTree) {
  auto seeded = store_->seed_orgs(*orgs_);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  EXPECT_TRUE(*seeded);
  EXPECT_FALSE(*store_->seed_orgs(*orgs_));  // only into an empty table
  auto tree = store_->load_orgs();
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->size(), orgs_->size());
  EXPECT_EQ(tree->superior("4501020001")->code, "450102");
  // Schools keep their type (Art. 2), and a city-run school its city (Art. 5).
  EXPECT_EQ(tree->find("4501020003")->school_type, std::optional<SchoolType>(SchoolType::senior));
  EXPECT_EQ(tree->find("4501000001")->school_type,
            std::optional<SchoolType>(SchoolType::nine_year));
  EXPECT_EQ(tree->superior("4501000001")->code, "450100");
  EXPECT_FALSE(tree->find("450102")->school_type.has_value());
}

// Open steps stored while the orgs table was empty learn their party's
// authority when the orgs are seeded (migration 0034's fill): a school's
// is its parent. A step whose authority is already right (a county is its
// own) is not written again.
TEST_P(StoreTest, SeedingTheOrgsFillsOnlyTheAuthoritiesThatAreWrong) {
  soci::session& sql = store_->journal().connection().sql();
  const std::vector<std::tuple<std::string, std::string, std::string>> steps = {
      {"at-school", "4501020001", "4501020001"},
      {"unnamed", "4501020002", ""},
      {"at-county", "450102", "450102"}};
  for (const auto& [id, org, authority] : steps) {
    soci::indicator named = authority.empty() ? soci::i_null : soci::i_ok;
    sql << "INSERT INTO cases (id, kind, status, rule_version, subject, event_count, "
           "next_instant, snapshot, updated_at, active_step, active_org, holder, active_due, "
           "holder_due, active_authority) VALUES (:i, 'transfer', 'open', 'v', :s, 1, 0, '', 0, "
           "'sending_school', :o, :h, '2025-10-10', '2025-10-10', :a)",
        soci::use(id), soci::use(id), soci::use(org), soci::use(org), soci::use(authority, named);
  }
  // Each row's version as PostgreSQL keeps it: a rewrite makes a new one.
  auto version = [&](const std::string& id) {
    std::string xmin;
    if (GetParam() == "postgresql") {
      sql << "SELECT xmin::text FROM cases WHERE id = :i", soci::use(id), soci::into(xmin);
    }
    return xmin;
  };
  const std::string county_before = version("at-county");
  const std::string school_before = version("at-school");
  ASSERT_TRUE(*store_->seed_orgs(*orgs_));
  for (const auto& [id, org, authority] : steps) {
    std::string now;
    sql << "SELECT active_authority FROM cases WHERE id = :i", soci::use(id), soci::into(now);
    EXPECT_EQ(now, "450102") << id;
  }
  if (GetParam() == "postgresql") {
    EXPECT_EQ(version("at-county"), county_before) << "a right authority was written again";
    EXPECT_NE(version("at-school"), school_before);
  }
}

TEST_P(StoreTest, SurvivesReopening) {
  ASSERT_TRUE(store_->commit({step(transfer(), at("2025-09-26T10:00:00+08:00"))}).ok());
  store_.reset();
  auto reopened = TestStore::open(url_);
  ASSERT_TRUE(reopened.ok());
  auto loaded = (*reopened)->load_case("c1");
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ(**loaded, state_);
}

// The directory reads on its own connection while the writer commits on
// another: a read must see what committed since the previous read.
TEST_P(StoreTest, AReaderSeesWhatAnotherConnectionCommitted) {
  auto reader = TestStore::open(url_);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->load_cases({"c1"})->empty());
  ASSERT_TRUE(store_->commit({step(transfer(), at("2025-09-26T10:00:00+08:00"))}).ok());
  auto loaded = (*reader)->load_cases({"c1"});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ(loaded->at("c1"), state_);
}

// Each connection runs with the settings the store relies on: on SQLite a
// full fsync per commit; on PostgreSQL a plan per execution, so statements
// prepared while the tables were empty do not stay sequential scans.
TEST_P(StoreTest, ConnectionsRunWithTheirSettings) {
  if (GetParam() == "postgresql") {
    EXPECT_EQ(*store_->server_setting("plan_cache_mode"), "force_custom_plan");
  } else {
    EXPECT_EQ(*store_->server_setting("synchronous"), "2");  // FULL
    EXPECT_EQ(*store_->server_setting("journal_mode"), "wal");
    EXPECT_FALSE(store_->server_setting("synchronous; DROP TABLE cases").ok());
  }
  EXPECT_EQ(*store_->count_rows("cases"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

TEST(StoreOpen, RefusesBadUrlsAndUnreachableServers) {
  auto bad = TestStore::open("mysql://localhost/x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_database_url");
  auto down = TestStore::open("postgresql://xueji@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, "store_unavailable");
  EXPECT_NE(down.error().message.find("127.0.0.1:1"), std::string::npos);
  auto unopenable = TestStore::open("sqlite:/proc/xueji/none.db");
  ASSERT_FALSE(unopenable.ok());
  EXPECT_EQ(unopenable.error().code, "store_unavailable");
}

}  // namespace
}  // namespace xueji::test
