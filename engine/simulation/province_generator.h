#pragma once
// A province-sized organisation tree and roster, made up from a seed: the
// one the benchmarks and demos share (issue 17), Guangdong-sized by default
// (21 cities, 120 counties, 20,000 schools, 1,000,000 students). Pure and
// deterministic: the same spec gives the same orgs and the same students in
// the same order, with no clock read and no I/O. The students are streamed,
// one at a time, so a million of them never sit in memory at once.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/result.h"
#include "engine/org/org_tree.h"
#include "engine/student/student.h"

namespace xueji {

struct ProvinceSpec {
  std::string province = "440000";  // a GB/T 2260 province code
  int cities = 21;                  // 1-99
  int counties = 120;               // spread over the cities: cities..98 * cities
  int schools = 20000;              // at least 1
  int64_t students = 1000000;       // 0-100,000,000
  uint64_t seed = 1;
  // The roster is the one of the school year that starts in September of
  // this year: a student in grade g turned 6 in the twelve months before
  // the September g - 1 years earlier (born from (year - g - 6)-09-01 to
  // (year - g - 5)-08-31). The promotion of year + 1 moves them all on.
  int school_year = 2025;
};

// What the generator makes of a spec.
//
// Orgs: the province; cities PPCC00 (CC = 01, 02, ...); each city's
// counties PPCCDD (DD = 02, 03, ..., never 00), the counties spread evenly
// over the cities; schools with 10-digit codes, their parent's 6-digit code
// plus a 4-digit serial. About one school in a hundred (when there are at
// least 100) is run directly by a city (直管学校, Art. 5), the rest sit under
// counties, a county's share varying by up to half either way. School types
// (Art. 2) in fixed proportions, shuffled over the schools: 55% primary, 20%
// junior, 10% senior, 9% nine-year, 4% twelve-year, 2% special education,
// each type at least once when there are at least six schools.
//
// Students: each school receives a share in proportion to the grades it
// teaches times a class size per grade that grows from primary (10) to
// nine-year (15), twelve-year (20), junior (25) and senior (55) schools,
// special-education ones a tenth of a primary school's, varying by up to
// half either way; each student a grade its school teaches, evenly. So
// every grade's cohort is about the same size, the senior ones a little
// smaller. Every student has a valid 18-character
// resident ID (GB 11643), unique over the roster: the division is the
// school's county (a city-run school's: the city's first county), the
// birth date fits the grade (see school_year), the sequence's last digit
// agrees with the gender, and the check character is computed. The
// registration number is the G number (Art. 8); the name a common surname
// and a one- or two-character given name; the status enrolled, but every
// fiftieth student's on_leave.
class ProvinceGenerator {
 public:
  // Checks the spec and builds the orgs. Errors: "invalid_field" naming the
  // count or code out of range (a province code GB/T 2260 does not know,
  // more than 98 counties per city, more than 9,999 schools under one
  // parent, ...).
  static Result<ProvinceGenerator> create(const ProvinceSpec& spec);

  const ProvinceSpec& spec() const { return spec_; }
  // Province, then each city followed by the schools it runs and its
  // counties, each county followed by its schools. OrgTree::build accepts
  // them; every school has a type.
  const std::vector<Org>& orgs() const { return orgs_; }
  // How many of the schools a city runs directly (Art. 5).
  int city_run_schools() const { return city_run_; }

  // Calls `sink` once per student, spec().students times, school by school
  // in the order of orgs(); the Student passed is reused, valid only during
  // the call. Every call yields the same students. Errors: "invalid_field"
  // when a county and birth date run out of the 999 sequence numbers (only
  // with tens of millions of students in a handful of counties).
  Status for_each_student(const std::function<void(const Student&)>& sink) const;

 private:
  struct School {
    size_t org;    // index into orgs_
    int division;  // index into divisions_: the county its students' IDs name
    int64_t students;
  };

  ProvinceSpec spec_;
  std::vector<Org> orgs_;
  std::vector<School> schools_;
  std::vector<std::string> divisions_;  // county codes
  int city_run_ = 0;
};

}  // namespace xueji
