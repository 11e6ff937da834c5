#pragma once
// The engine's codes in the registrars' words: a step's party, a case's
// kind, a student's status, in the Measures' own terms. The console keeps
// the same table in console/console.js for what it renders itself.

#include <string>

namespace xueji::http {

// The step's party (转出学校 ...); the code itself when unknown.
std::string party_in_chinese(const std::string& step);

// A case kind (转学 ...), a student status (在籍 ...), a decision, an org
// level or an account role; the text itself when it is none of those.
std::string term_in_chinese(const std::string& code);

}  // namespace xueji::http
