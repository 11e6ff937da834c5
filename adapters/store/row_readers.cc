#include "adapters/store/row_readers.h"

#include "engine/account/capability.h"

#include <nlohmann/json.hpp>

namespace xueji::store {

const char* const kStudentColumns =
    "registration_number, resident_id, name, school, grade, status, birth_date, gender, "
    "special_needs";

Student student_from(const soci::row& r) {
  Student s;
  s.registration_number = r.get<std::string>(0);
  s.resident_id = r.get<std::string>(1);
  s.name = r.get<std::string>(2);
  s.school = r.get<std::string>(3);
  s.grade = r.get<int>(4);
  s.status = parse_student_status(r.get<std::string>(5)).value();
  s.birth_date = Date::parse(r.get<std::string>(6)).value();
  s.gender = r.get<std::string>(7) == "female" ? Gender::female : Gender::male;
  s.special_needs = r.get<int>(8) != 0;
  return s;
}

Student student_from(const std::vector<std::string>& c) {
  Student s;
  s.registration_number = c.at(0);
  s.resident_id = c.at(1);
  s.name = c.at(2);
  s.school = c.at(3);
  s.grade = std::stoi(c.at(4));
  s.status = parse_student_status(c.at(5)).value();
  s.birth_date = Date::parse(c.at(6)).value();
  s.gender = c.at(7) == "female" ? Gender::female : Gender::male;
  s.special_needs = std::stoi(c.at(8)) != 0;
  return s;
}

std::string sql_status_list(const std::vector<StudentStatus>& statuses) {
  std::string out;
  for (StudentStatus s : statuses) {
    out += (out.empty() ? "'" : ", '") + std::string(to_string(s)) + "'";
  }
  return out;
}

const char* const kAccountColumns =
    "name, org, role, kind, password_hash, password_changed, last_used, seal_due, sealed_at, "
    "created_at, capabilities";

std::optional<Instant> optional_instant(const soci::row& r, size_t column) {
  if (r.get_indicator(column) == soci::i_null) return std::nullopt;
  return Instant::from_unix_seconds(r.get<long long>(column));
}

StoredAccount account_from(const soci::row& r) {
  StoredAccount s;
  Account& a = s.account;
  a.name = r.get<std::string>(0);
  a.org = r.get<std::string>(1);
  a.role = parse_role(r.get<std::string>(2)).value();
  a.kind = parse_account_kind(r.get<std::string>(3)).value();
  a.password_hash = r.get<std::string>(4);
  a.password_changed = Date::parse(r.get<std::string>(5)).value();
  a.last_used = Date::parse(r.get<std::string>(6)).value();
  s.seal_due = optional_instant(r, 7);
  a.sealed_at = optional_instant(r, 8);
  s.created_at = Instant::from_unix_seconds(r.get<long long>(9));
  if (r.get_indicator(10) != soci::i_null) {
    // Written by capabilities_text, space-separated. A word this build does
    // not know grants nothing (fail closed) rather than everything.
    auto listed = parse_capabilities(r.get<std::string>(10), {});
    a.capabilities = listed ? *listed : std::vector<std::string>{};
  }
  return s;
}

const char* const kTokenColumns = "id, account, kind, issued_at, expires_at, revoked_at";

const char* const kAuditColumns =
    "seq, at, account, org, action, target, outcome, detail, prev_hash, hash";

AuditEntry audit_entry_from(const soci::row& r) {
  AuditEntry e;
  e.seq = r.get<long long>(0);
  e.at = Instant::from_unix_seconds(r.get<long long>(1));
  e.account = r.get<std::string>(2);
  e.org = r.get<std::string>(3);
  e.action = r.get<std::string>(4);
  e.target = r.get<std::string>(5);
  e.outcome = r.get<std::string>(6);
  e.detail = r.get<std::string>(7);
  e.prev_hash = r.get<std::string>(8);
  e.hash = r.get<std::string>(9);
  return e;
}

TokenRecord token_from(const soci::row& r) {
  TokenRecord t;
  t.id = r.get<std::string>(0);
  t.account = r.get<std::string>(1);
  t.kind = r.get<std::string>(2);
  t.issued_at = Instant::from_unix_seconds(r.get<long long>(3));
  t.expires_at = optional_instant(r, 4);
  t.revoked_at = optional_instant(r, 5);
  return t;
}

std::string notice_body(const Notice& n) {
  nlohmann::json body{{"step", n.step}, {"due", n.due}, {"text", n.text}};
  if (!n.previous_due.empty()) {
    body["previous_due"] = n.previous_due;
    body["provisional"] = n.provisional;
  }
  return body.dump();
}

void read_notice_body(const std::string& body, Notice& n) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_object()) return;
  n.step = parsed.value("step", std::string());
  n.due = parsed.value("due", std::string());
  n.text = parsed.value("text", std::string());
  n.previous_due = parsed.value("previous_due", std::string());
  n.provisional = parsed.value("provisional", false);
  if (n.kind == "redated" && !parsed.contains("previous_due")) {
    // Written before the body kept them (2026-12): read from the English
    // line engine/case/notice.cc wrote, "... is due D[ instead of P] (still
    // provisional)".
    const auto was = n.text.find(" instead of ");
    n.previous_due = was == std::string::npos ? n.due : n.text.substr(was + 12, 10);
    n.provisional = n.text.find("(still provisional)") != std::string::npos;
  }
}

}  // namespace xueji::store
