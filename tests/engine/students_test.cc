// Resident IDs, registration numbers, stages, the status machine, masking,
// and the registry's one-person-one-registration rule (Art. 8, 9, 12).

#include <gtest/gtest.h>

#include "engine/student/registration_number.h"
#include "engine/student/student_registry.h"

namespace xueji {
namespace {

const Date kToday = *Date::parse("2025-09-01");

std::string valid_id(const std::string& first17) {
  return first17 + resident_id_check_char(first17);
}

TEST(ResidentId, AcceptsValidIdsAndDerivesBirthAndGender) {
  auto a = validate_resident_id("450102201309150019", kToday);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->division_code, "450102");
  EXPECT_EQ(a->birth_date.to_string(), "2013-09-15");
  EXPECT_EQ(a->gender, Gender::male);  // 17th digit 1: odd
  // GB 11643's own example, with an X check character.
  auto b = validate_resident_id("11010519491231002X", kToday);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->gender, Gender::female);
  EXPECT_EQ(resident_id_check_char("11010519491231002"), 'X');
}

TEST(ResidentId, RefusesEachKindOfBadId) {
  struct Case {
    std::string id;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"45010220130915001", "17 characters, expected 18"},
      {"4501022013091500190", "19 characters"},
      {"45010220130915A019", "character 15 is not a digit"},
      {"450102201309150011x", "19 characters"},
      {"11010519491231002x", "capital X"},
      {valid_id("99010220130915001"), "names no province"},
      {valid_id("45010220250230001"), "20250230 does not exist"},
      {valid_id("45010220260101001"), "in the future"},
      {"450102201309150018", "check character is 8, expected 9"},
  };
  for (const auto& c : cases) {
    auto r = validate_resident_id(c.id, kToday);
    ASSERT_FALSE(r.ok()) << c.id;
    EXPECT_EQ(r.error().code, "invalid_resident_id");
    EXPECT_NE(r.error().message.find(c.why), std::string::npos) << r.error().message;
  }
}

TEST(ResidentId, EveryWrongCheckCharacterIsCaught) {
  for (int seq = 0; seq < 500; ++seq) {
    char tail[12];  // room for any int: GCC checks snprintf against the type
    std::snprintf(tail, sizeof tail, "%03d", seq);
    const std::string first17 = std::string("44010320110505") + tail;
    const char right = resident_id_check_char(first17);
    for (char c : std::string("0123456789X")) {
      EXPECT_EQ(validate_resident_id(first17 + c, kToday).ok(), c == right) << first17 << c;
    }
  }
}

TEST(RegistrationNumber, HasTheThreeShapes) {
  EXPECT_EQ(g_number("450102201309150019"), "G450102201309150019");
  EXPECT_EQ(l_number("450102", *Date::parse("2013-09-15"), 7), "L450102201309150007");
  EXPECT_EQ(j_number(42), "J000000000000000042");
  EXPECT_EQ(*classify_registration_number("G11010519491231002X"), RegistrationKind::g_number);
  EXPECT_EQ(*classify_registration_number("L450102201309150007"), RegistrationKind::l_number);
  EXPECT_EQ(*classify_registration_number("J000000000000000042"), RegistrationKind::j_number);
  for (const char* bad :
       {"", "G123", "X450102201309150019", "L45010220130915000X", "J00000000000000004a"}) {
    auto r = classify_registration_number(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_registration_number");
  }
}

TEST(Stage, FollowsTheGradeBoundaries) {
  EXPECT_FALSE(stage_of_grade(0).ok());
  EXPECT_EQ(*stage_of_grade(1), Stage::primary);
  EXPECT_EQ(*stage_of_grade(6), Stage::primary);
  EXPECT_EQ(*stage_of_grade(7), Stage::junior);
  EXPECT_EQ(*stage_of_grade(9), Stage::junior);
  EXPECT_EQ(*stage_of_grade(10), Stage::senior);
  EXPECT_EQ(*stage_of_grade(12), Stage::senior);
  EXPECT_EQ(stage_of_grade(13).error().code, "invalid_grade");
  EXPECT_TRUE(is_compulsory_grade(1));
  EXPECT_TRUE(is_compulsory_grade(9));
  EXPECT_FALSE(is_compulsory_grade(10));
  EXPECT_FALSE(is_compulsory_grade(0));
}

TEST(StudentStatus, OnlyLegalChangesPass) {
  using S = StudentStatus;
  EXPECT_TRUE(check_status_change(S::enrolled, S::on_leave).ok());
  EXPECT_TRUE(check_status_change(S::on_leave, S::enrolled).ok());
  EXPECT_TRUE(check_status_change(S::enrolled, S::transfer_pending).ok());
  EXPECT_TRUE(check_status_change(S::transfer_pending, S::enrolled).ok());
  EXPECT_TRUE(check_status_change(S::enrolled, S::deregistered).ok());
  EXPECT_TRUE(check_status_change(S::deferred, S::enrolled).ok());
  EXPECT_TRUE(check_status_change(S::abroad, S::enrolled).ok());
  // Art. 19: a stage ends three ways; Art. 14: the next stage takes over.
  EXPECT_TRUE(check_status_change(S::enrolled, S::completed).ok());
  EXPECT_TRUE(check_status_change(S::enrolled, S::incomplete).ok());
  EXPECT_TRUE(check_status_change(S::graduated, S::enrolled).ok());
  EXPECT_TRUE(check_status_change(S::completed, S::enrolled).ok());
  for (auto [from, to] : {std::pair{S::deregistered, S::enrolled},
                          {S::incomplete, S::enrolled},
                          {S::deceased, S::enrolled},
                          {S::graduated, S::on_leave},
                          {S::on_leave, S::transfer_pending},
                          {S::enrolled, S::enrolled},
                          {S::deferred, S::on_leave}}) {
    auto r = check_status_change(from, to);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "illegal_status_change");
    EXPECT_NE(r.error().message.find(std::string(to_string(from))), std::string::npos);
    EXPECT_NE(r.error().message.find(std::string(to_string(to))), std::string::npos);
  }
  EXPECT_EQ(*parse_student_status("on_leave"), S::on_leave);
  EXPECT_FALSE(parse_student_status("asleep").ok());
}

TEST(MaskName, KeepsTheFirstCharacterOnly) {
  EXPECT_EQ(mask_name("张三丰"), "张**");
  EXPECT_EQ(mask_name("李雷"), "李*");
  EXPECT_EQ(mask_name("Li Lei"), "L*****");
  EXPECT_EQ(mask_name("欧阳"), "欧*");
  EXPECT_EQ(mask_name(""), "");
}

NewStudent request(const std::string& id, const std::string& school, int grade = 5) {
  NewStudent r;
  r.resident_id = id;
  r.name = "李小明";
  r.school = school;
  r.grade = grade;
  return r;
}

TEST(StudentRegistry, RegistersOncePerPerson) {
  StudentRegistry registry;
  auto first = registry.register_student(request("450102201309150019", "4501020001"), kToday);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->registration_number, "G450102201309150019");
  EXPECT_EQ(first->birth_date.to_string(), "2013-09-15");
  // Art. 9: refused at creation, naming the existing registration's school.
  auto second = registry.register_student(request("450102201309150019", "4501030002"), kToday);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "duplicate_registration");
  EXPECT_NE(second.error().message.find("4501020001"), std::string::npos);
  EXPECT_NE(second.error().message.find("G450102201309150019"), std::string::npos);
  EXPECT_EQ(registry.size(), 1u);
  EXPECT_EQ(registry.find("G450102201309150019")->school, "4501020001");
  EXPECT_EQ(registry.find_by_resident_id("450102201309150019")->registration_number,
            "G450102201309150019");
}

TEST(StudentRegistry, RefusesBadRequestsAndChangesNothing) {
  StudentRegistry registry;
  EXPECT_EQ(
      registry.register_student(request("450102201309150018", "4501020001"), kToday).error().code,
      "invalid_resident_id");
  EXPECT_EQ(registry.register_student(request("450102201309150019", "4501020001", 13), kToday)
                .error()
                .code,
            "invalid_grade");
  NewStudent wrong_birth = request("450102201309150019", "4501020001");
  wrong_birth.birth_date = *Date::parse("2013-09-16");
  EXPECT_EQ(registry.register_student(wrong_birth, kToday).error().code, "invalid_field");
  NewStudent wrong_gender = request("450102201309150019", "4501020001");
  wrong_gender.gender = Gender::female;
  EXPECT_EQ(registry.register_student(wrong_gender, kToday).error().code, "invalid_field");
  NewStudent unnamed = request("450102201309150019", "4501020001");
  unnamed.name = "";
  EXPECT_EQ(registry.register_student(unnamed, kToday).error().code, "missing_field");
  EXPECT_EQ(registry.size(), 0u);
}

TEST(StudentRegistry, TemporaryLNumberIsReplacedAndNeverReused) {
  StudentRegistry registry;
  NewStudent r = request("450102201309150019", "4501020001");
  r.identity_verified = false;
  auto temporary = registry.register_student(r, kToday);
  ASSERT_TRUE(temporary.ok()) << temporary.error().message;
  EXPECT_EQ(temporary->registration_number, "L450102201309150000");
  auto verified = registry.verify_identity("L450102201309150000", kToday);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(verified->registration_number, "G450102201309150019");
  EXPECT_EQ(registry.find("L450102201309150000"), nullptr);
  // Another child of the same division and birth date gets a fresh L number.
  NewStudent twin = request(valid_id("45010220130915002"), "4501020001");
  twin.identity_verified = false;
  auto other = registry.register_student(twin, kToday);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->registration_number, "L450102201309150001");
  Student stale = *temporary;
  EXPECT_FALSE(registry.restore(stale).ok());  // the retired number stays retired
}

TEST(StudentRegistry, AStudentWithoutIdGetsAJNumber) {
  StudentRegistry registry;
  NewStudent r = request("", "4501020001");
  EXPECT_EQ(registry.register_student(r, kToday).error().code, "missing_field");
  r.birth_date = *Date::parse("2015-03-01");
  r.gender = Gender::female;
  auto s = registry.register_student(r, kToday);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->registration_number, "J000000000000000001");
  EXPECT_EQ(*classify_registration_number(s->registration_number), RegistrationKind::j_number);
}

TEST(StudentRegistry, RestoredNumbersAreNeverHandedOutAgain) {
  StudentRegistry registry;
  Student j;
  j.registration_number = "J000000000000000001";
  j.name = "甲";
  j.school = "4501020001";
  j.grade = 3;
  ASSERT_TRUE(registry.restore(j).ok());
  Student l = j;
  l.registration_number = "L450102201309150000";
  l.resident_id = "450102201309150019";
  ASSERT_TRUE(registry.restore(l).ok());
  NewStudent no_id = request("", "4501020001");
  no_id.birth_date = *Date::parse("2015-03-01");
  no_id.gender = Gender::male;
  auto next_j = registry.register_student(no_id, kToday);
  ASSERT_TRUE(next_j.ok());
  EXPECT_EQ(next_j->registration_number, "J000000000000000002");
  NewStudent twin = request(valid_id("45010220130915002"), "4501020001");
  twin.identity_verified = false;
  auto next_l = registry.register_student(twin, kToday);
  ASSERT_TRUE(next_l.ok());
  EXPECT_EQ(next_l->registration_number, "L450102201309150001");
  EXPECT_EQ(registry.size(), 4u);
}

TEST(StudentRegistry, VerifyingOntoAClosedGNumberLosesNothing) {
  StudentRegistry registry;
  auto g = registry.register_student(request("450102201309150019", "4501020001"), kToday);
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE(registry.change_status(g->registration_number, StudentStatus::deregistered).ok());
  NewStudent again = request("450102201309150019", "4501030002");
  again.identity_verified = false;
  auto l = registry.register_student(again, kToday);
  ASSERT_TRUE(l.ok()) << l.error().message;
  auto verified = registry.verify_identity(l->registration_number, kToday);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code, "duplicate_registration");
  // The L registration is still there, live.
  ASSERT_NE(registry.find(l->registration_number), nullptr);
  EXPECT_EQ(registry.find_by_resident_id("450102201309150019")->registration_number,
            l->registration_number);
}

TEST(StudentRegistry, StatusAndSchoolChangesFollowTheMachine) {
  StudentRegistry registry;
  auto s = registry.register_student(request("450102201309150019", "4501020001"), kToday);
  ASSERT_TRUE(s.ok());
  const std::string n = s->registration_number;
  EXPECT_TRUE(registry.change_status(n, StudentStatus::transfer_pending).ok());
  EXPECT_EQ(registry.change_status(n, StudentStatus::on_leave).error().code,
            "illegal_status_change");
  EXPECT_TRUE(registry.move_school(n, "4501030002").ok());
  EXPECT_TRUE(registry.change_status(n, StudentStatus::enrolled).ok());
  EXPECT_EQ(registry.find(n)->school, "4501030002");
  EXPECT_TRUE(registry.change_status(n, StudentStatus::deregistered).ok());
  // A closed registration frees nobody to register twice under one G number.
  EXPECT_EQ(registry.find_by_resident_id("450102201309150019"), nullptr);
  EXPECT_EQ(
      registry.register_student(request("450102201309150019", "4501020001"), kToday).error().code,
      "duplicate_registration");
  EXPECT_EQ(registry.change_status("G000", StudentStatus::enrolled).error().code,
            "unknown_student");
}

}  // namespace
}  // namespace xueji
