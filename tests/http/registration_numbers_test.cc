// Numbers for life over HTTP, on PostgreSQL and SQLite (Art. 8-10): a
// temporary L number before the identity is verified, a J number without a
// usable ID, and the verification that turns an L number into its G number
// and retires the L number for good.

#include <regex>
#include <set>
#include <thread>

#include "engine/student/resident_id.h"
#include "tests/http/api_fixture.h"

namespace xueji::test {
namespace {

using nlohmann::json;

// A valid resident ID of a child of division 450102 born 2013-09-15, its
// sequence `seq` (odd: a boy).
std::string id_born_20130915(int seq) {
  char sequence[16];
  std::snprintf(sequence, sizeof sequence, "%03d", seq % 1000);
  const std::string first17 = std::string("45010220130915") + sequence;
  return first17 + resident_id_check_char(first17);
}

const std::string kL = "L45010220130915";  // the L numbers' prefix for that division and date

// The entries of a record's `cases` or `open_cases` of kind `kind` (a
// registration may open cases of its own).
std::vector<json> of_kind(const json& cases, const std::string& kind) {
  std::vector<json> out;
  for (const auto& c : cases) {
    if (c.value("kind", "") == kind) out.push_back(c);
  }
  return out;
}

class RegistrationNumbers : public ApiFixture {
 protected:
  HttpAnswer register_unverified(const std::string& id, const std::string& school = "4501020001") {
    return call("POST", "/v1/students",
                {{"id", id},
                 {"identity_verified", false},
                 {"name", "王小红"},
                 {"school", school},
                 {"grade", 3}},
                reg(school));
  }

  // Registers without verification and expects an L number; the number.
  std::string l_number_for(const std::string& id) {
    auto r = register_unverified(id);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("registration_number", "");
  }

  HttpAnswer verify(const std::string& number, const std::string& account,
                    const json& body = nullptr) {
    return call("POST", "/v1/students/" + number + "/verify", body, account);
  }

  void close_record(const std::string& number, const char* status) {
    auto store = TestStore::open(url_);
    ASSERT_TRUE(store.ok());
    Transition t;
    StudentChange change;
    change.registration_number = number;
    change.status = status;
    change.case_id = "test";
    t.student_changes.push_back(change);
    auto committed = (*store)->journal().commit({t});
    ASSERT_TRUE(committed.ok()) << committed.error().message;
  }
};

TEST_P(RegistrationNumbers, AnUnverifiedIdentityGetsAnLNumberThatReadsBack) {
  const std::string id = id_born_20130915(1);
  auto r = register_unverified(id);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string number = r.json().value("registration_number", "");
  // L + 6-digit division + 8-digit birth date + 4-digit serial.
  EXPECT_TRUE(std::regex_match(number, std::regex("L45010220130915[0-9]{4}"))) << number;
  EXPECT_EQ(number, kL + "0000");
  EXPECT_EQ(r.json().value("birth_date", ""), "2013-09-15");
  auto read = call("GET", "/v1/students/" + number, nullptr, reg("4501020001"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().value("registration_number", ""), number);
  EXPECT_EQ(read.json().value("name", ""), "王小红");
  EXPECT_FALSE(read.json().contains("renumbered_from"));
  // The resident ID is live under its L number: found by it, and a second
  // registration of it, verified or not, is refused naming the school.
  auto by_id = call("GET", "/v1/students/by-resident-id/" + id, nullptr, reg("450102"));
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_EQ(by_id.json().value("registration_number", ""), number);
  auto again = register_unverified(id, "4501020002");
  expect_problem(again, 409, "duplicate_registration");
  EXPECT_NE(again.body.find("4501020001"), std::string::npos) << again.body;
  EXPECT_NE(again.body.find(number), std::string::npos) << again.body;
  auto verified = call("POST", "/v1/students",
                       {{"id", id}, {"name", "王小红"}, {"school", "4501020002"}, {"grade", 3}},
                       reg("4501020002"));
  expect_problem(verified, 409, "duplicate_registration");
  EXPECT_NE(verified.body.find("4501020001"), std::string::npos) << verified.body;
}

TEST_P(RegistrationNumbers, AnLRegistrationOfAnIdAlreadyLiveUnderGIsRefused) {
  const std::string g = register_student(5, "4501020001");  // 450102201309150019, verified
  ASSERT_EQ(g, "G450102201309150019");
  auto r = register_unverified("450102201309150019", "4501020002");
  expect_problem(r, 409, "duplicate_registration");
  EXPECT_NE(r.body.find("4501020001"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(g), std::string::npos) << r.body;
}

TEST_P(RegistrationNumbers, TwinsGetDifferentSerials) {
  const std::string first = l_number_for(id_born_20130915(3));
  const std::string second = l_number_for(id_born_20130915(5));
  EXPECT_EQ(first, kL + "0000");
  EXPECT_EQ(second, kL + "0001");
  // Another birth date is another sequence.
  auto other = register_unverified("450102201405050018");
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(other.json().value("registration_number", ""), "L45010220140505" + std::string("0000"));
}

TEST_P(RegistrationNumbers, ConcurrentRegistrationsNeverShareASerial) {
  // Signed in first; the threads then only send (the fixture's call() keeps
  // tokens in a map of its own).
  auto signed_in = sign_in(reg("4501020001"));
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string token = signed_in.json().value("token", "");
  constexpr int kThreads = 3, kEach = 4;
  std::vector<std::vector<HttpAnswer>> answers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const json body{{"id", id_born_20130915(11 + 2 * (t * kEach + i))},
                        {"identity_verified", false},
                        {"name", "双胞胎"},
                        {"school", "4501020001"},
                        {"grade", 1}};
        answers[t].push_back(with_token("POST", "/v1/students", body.dump(), token));
        const json no_id{{"birth_date", "2019-03-01"},
                         {"gender", "female"},
                         {"name", "无证"},
                         {"school", "4501020001"},
                         {"grade", 1}};
        answers[t].push_back(with_token("POST", "/v1/students", no_id.dump(), token));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> numbers;
  for (const auto& of_thread : answers) {
    for (const auto& a : of_thread) {
      ASSERT_EQ(a.status, 201) << a.body;
      numbers.insert(a.json().value("registration_number", ""));
    }
  }
  EXPECT_EQ(numbers.size(), static_cast<size_t>(2 * kThreads * kEach));
  // The L serials are the first ones of their range, each once.
  EXPECT_EQ(numbers.count(kL + "0000"), 1u);
  EXPECT_EQ(numbers.count(kL + std::string("0011")), 1u);
  EXPECT_EQ(numbers.count(kL + std::string("0012")), 0u);
}

TEST_P(RegistrationNumbers, NoUsableIdGivesAJNumber) {
  const json child{{"birth_date", "2018-06-01"},
                   {"gender", "male"},
                   {"name", "Tom Smith"},
                   {"school", "4501020001"},
                   {"grade", 1}};
  auto first = call("POST", "/v1/students", child, reg("4501020001"));
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string number = first.json().value("registration_number", "");
  // J + 18 digits: one store-wide sequence from 1.
  EXPECT_EQ(number, "J000000000000000001");
  EXPECT_EQ(first.json().value("birth_date", ""), "2018-06-01");
  json with_null = child;
  with_null["id"] = nullptr;
  auto second = call("POST", "/v1/students", with_null, reg("4501020001"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().value("registration_number", ""), "J000000000000000002");
  auto read = call("GET", "/v1/students/" + number, nullptr, reg("450102"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().value("gender", ""), "male");
  EXPECT_EQ(read.json().value("school", ""), "4501020001");
  // Without the birth date or the gender: refused naming the field.
  json no_birth = child;
  no_birth.erase("birth_date");
  auto refused = call("POST", "/v1/students", no_birth, reg("4501020001"));
  expect_problem(refused, 400, "missing_field");
  EXPECT_NE(refused.body.find("birth_date"), std::string::npos) << refused.body;
  json no_gender = child;
  no_gender.erase("gender");
  refused = call("POST", "/v1/students", no_gender, reg("4501020001"));
  expect_problem(refused, 400, "missing_field");
  EXPECT_NE(refused.body.find("gender"), std::string::npos) << refused.body;
  json bad_date = child;
  bad_date["birth_date"] = "2018-02-30";
  expect_problem(call("POST", "/v1/students", bad_date, reg("4501020001")), 422, "invalid_field");
  // Nothing refused took a number.
  auto third = call("POST", "/v1/students", child, reg("4501020001"));
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_EQ(third.json().value("registration_number", ""), "J000000000000000003");
  // A J-numbered student can have a case opened on it.
  const std::string transfer = open_transfer(number);
  auto c = call("GET", "/v1/cases/" + transfer, nullptr, reg("4501020001"));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json().value("subject", ""), number);
}

// Art. 8: on verification the record takes its G number; the L number is
// retired, its cases follow, and no later registration receives it.
TEST_P(RegistrationNumbers, VerificationTurnsTheLNumberIntoItsGNumber) {
  const std::string id = id_born_20130915(21);
  const std::string l = l_number_for(id);
  ASSERT_EQ(l, kL + "0000");
  // A transfer opened while the number is temporary: its subject is the L
  // number.
  const std::string transfer = open_transfer(l);
  auto opened = call("GET", "/v1/cases/" + transfer, nullptr, reg("4501020001"));
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json().value("subject", ""), l);

  auto v = verify(l, reg("450102"), json{{"verified_at", "2025-09-26T08:30:00+08:00"}});
  ASSERT_EQ(v.status, 200) << v.body;
  const std::string g = "G" + id;
  EXPECT_EQ(v.json().value("registration_number", ""), g);
  EXPECT_EQ(v.json().value("status", ""), "transfer_pending");
  const auto open_transfers = of_kind(v.json()["open_cases"], "transfer");
  ASSERT_EQ(open_transfers.size(), 1u) << v.body;
  EXPECT_EQ(open_transfers[0].value("id", ""), transfer);

  // The G record, and the L number reaching it with a note.
  auto by_g = call("GET", "/v1/students/" + g, nullptr, reg("4501020001"));
  ASSERT_EQ(by_g.status, 200) << by_g.body;
  EXPECT_EQ(by_g.json().value("name", ""), "王小红");
  auto by_l = call("GET", "/v1/students/" + l, nullptr, reg("4501020001"));
  ASSERT_EQ(by_l.status, 200) << by_l.body;
  EXPECT_EQ(by_l.json().value("registration_number", ""), g);
  EXPECT_EQ(by_l.json().value("renumbered_from", ""), l);
  EXPECT_NE(by_l.json().value("note", "").find("Art. 8"), std::string::npos) << by_l.body;
  auto by_id = call("GET", "/v1/students/by-resident-id/" + id, nullptr, reg("450102"));
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_EQ(by_id.json().value("registration_number", ""), g);

  // The case opened under L completes onto the G record.
  approve_transfer(transfer);
  auto moved = call("GET", "/v1/students/" + g, nullptr, reg("4501030002"));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().value("school", ""), "4501030002");
  EXPECT_EQ(moved.json().value("status", ""), "enrolled");
  const auto transfers = of_kind(moved.json()["cases"], "transfer");
  ASSERT_EQ(transfers.size(), 1u) << moved.body;
  EXPECT_EQ(transfers[0].value("id", ""), transfer);
  EXPECT_EQ(transfers[0].value("outcome", ""), "approved");

  // A case opened by the retired number is opened on the G record.
  auto later =
      call("POST", "/v1/cases", {{"kind", "transfer"}, {"student", l}, {"to_school", "4501020002"}},
           reg("4501020002"));
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_EQ(later.json().value("subject", ""), g);

  // Verified once: a second verification is refused, nothing changes.
  auto twice = verify(l, reg("450103"));
  expect_problem(twice, 409, "duplicate_registration");
  EXPECT_NE(twice.body.find(g), std::string::npos) << twice.body;

  // The retired number is never handed out again, not after a restart.
  EXPECT_EQ(l_number_for(id_born_20130915(23)), kL + "0001");
  stop();
  start(clock_);
  EXPECT_EQ(l_number_for(id_born_20130915(25)), kL + "0002");
  auto after_restart = call("GET", "/v1/students/" + l, nullptr, reg("450102"));
  ASSERT_EQ(after_restart.status, 200) << after_restart.body;
  EXPECT_EQ(after_restart.json().value("registration_number", ""), g);

  // Audited as student.verify on the L number.
  int verifications = 0;
  for (const auto& e : audit_trail()) {
    if (e.action == "student.verify" && e.target == "student:" + l && e.outcome == "ok") {
      ++verifications;
    }
  }
  EXPECT_EQ(verifications, 1);
}

TEST_P(RegistrationNumbers, VerificationIsRefusedOutsideItsRule) {
  const std::string g = register_student(5, "4501020001");
  // Not an L number (Art. 8).
  auto not_l = verify(g, reg("4501020001"));
  expect_problem(not_l, 422, "rule_refused");
  EXPECT_NE(not_l.body.find("第八条"), std::string::npos) << not_l.body;
  auto j = verify("J000000000000000001", reg("4501020001"));
  expect_problem(j, 422, "rule_refused");
  // Unknown.
  expect_problem(verify(kL + "9999", reg("4501020001")), 404, "unknown_student");
  // Outside jurisdiction: another school, another county.
  const std::string l = l_number_for(id_born_20130915(31));
  expect_problem(verify(l, reg("4501020002")), 403, "out_of_jurisdiction");
  expect_problem(verify(l, reg("450103")), 403, "out_of_jurisdiction");
  // A malformed instant.
  expect_problem(verify(l, reg("4501020001"), json{{"verified_at", "yesterday"}}), 422,
                 "invalid_field");
  // None of it changed the record.
  auto still = call("GET", "/v1/students/" + l, nullptr, reg("4501020001"));
  ASSERT_EQ(still.status, 200) << still.body;
  EXPECT_EQ(still.json().value("registration_number", ""), l);
  EXPECT_FALSE(still.json().contains("renumbered_from"));
  expect_problem(call("GET", "/v1/students/G" + id_born_20130915(31), nullptr, reg("450102")), 404,
                 "unknown_student");
}

// The L record closed, the person registered since under the G number
// elsewhere: the L number cannot become a second G record.
TEST_P(RegistrationNumbers, VerificationIsRefusedWhenTheGNumberIsLiveElsewhere) {
  const std::string id = id_born_20130915(41);
  const std::string l = l_number_for(id);
  close_record(l, "withdrawn");
  auto g = call("POST", "/v1/students",
                {{"id", id}, {"name", "王小红"}, {"school", "4501020002"}, {"grade", 4}},
                reg("4501020002"));
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(g.json().value("registration_number", ""), "G" + id);
  auto refused = verify(l, reg("450102"));
  expect_problem(refused, 409, "duplicate_registration");
  EXPECT_NE(refused.body.find("4501020002"), std::string::npos) << refused.body;
  auto still = call("GET", "/v1/students/" + l, nullptr, reg("4501020001"));
  ASSERT_EQ(still.status, 200) << still.body;
  EXPECT_EQ(still.json().value("status", ""), "withdrawn");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistrationNumbers, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

}  // namespace
}  // namespace xueji::test
