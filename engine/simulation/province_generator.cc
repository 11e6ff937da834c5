#include "engine/simulation/province_generator.h"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/org/provinces.h"
#include "engine/student/registration_number.h"
#include "engine/student/resident_id.h"

namespace xueji {
namespace {

// splitmix64: a fixed algorithm, so a seed gives the same province on every
// standard library (std::uniform_int_distribution does not promise that).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n) for n far below 2^64. Precondition: n > 0.
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

template <typename T>
void shuffle(std::vector<T>& items, Rng& rng) {
  for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.below(i)]);
}

// Splits `total` over `weights` in proportion, exactly (cumulative rounding).
std::vector<int64_t> apportion(int64_t total, const std::vector<int64_t>& weights) {
  int64_t sum = 0;
  for (int64_t w : weights) sum += w;
  std::vector<int64_t> out(weights.size(), 0);
  if (sum == 0) return out;
  int64_t cumulative = 0, given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    cumulative += weights[i];
    // 128 bits: total (<= 1e8) times a sum of weights may pass 2^63.
    const int64_t upto = static_cast<int64_t>(static_cast<__int128>(total) * cumulative / sum);
    out[i] = upto - given;
    given = upto;
  }
  return out;
}

std::string two_digits(int n) {
  return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
}

std::string four_digits(int n) { return two_digits(n / 100) + two_digits(n % 100); }

// Place names: two distinct syllables, in a seeded order, then numbered
// once the pairs run out.
constexpr std::array<const char*, 30> kSyllables{
    "东", "西", "南", "北", "江", "山", "河", "湖", "海", "平", "安", "宁", "阳", "新", "兴",
    "华", "清", "远", "丰", "和", "梅", "云", "源", "阜", "岭", "珠", "韶", "潮", "汕", "佛"};

class PlaceNames {
 public:
  explicit PlaceNames(Rng& rng) {
    for (size_t a = 0; a < kSyllables.size(); ++a) {
      for (size_t b = 0; b < kSyllables.size(); ++b) {
        if (a != b) pairs_.push_back(std::string(kSyllables[a]) + kSyllables[b]);
      }
    }
    shuffle(pairs_, rng);
  }
  std::string next() {
    const size_t i = used_++;
    const std::string& pair = pairs_[i % pairs_.size()];
    return i < pairs_.size() ? pair : pair + std::to_string(i / pairs_.size() + 1);
  }

 private:
  std::vector<std::string> pairs_;
  size_t used_ = 0;
};

constexpr std::array<SchoolType, 6> kTypes{SchoolType::primary,     SchoolType::junior,
                                           SchoolType::senior,      SchoolType::nine_year,
                                           SchoolType::twelve_year, SchoolType::special_education};
constexpr std::array<int, 6> kTypePermille{550, 200, 100, 90, 40, 20};

std::string_view type_word(SchoolType type) {
  switch (type) {
    case SchoolType::primary:
      return "小学";
    case SchoolType::junior:
      return "初级中学";
    case SchoolType::senior:
      return "高级中学";
    case SchoolType::nine_year:
      return "九年一贯制学校";
    case SchoolType::twelve_year:
      return "十二年一贯制学校";
    case SchoolType::special_education:
      return "特殊教育学校";
    case SchoolType::specialised:
      return "专门学校";
  }
  return "学校";
}

// How many students a school of `type` has per grade, relative to the
// others: a special-education school is small, a senior high school large.
int64_t per_grade_size(SchoolType type) {
  switch (type) {
    case SchoolType::primary:
      return 10;
    case SchoolType::junior:
      return 25;
    case SchoolType::senior:
      return 55;
    case SchoolType::nine_year:
      return 15;
    case SchoolType::twelve_year:
      return 20;
    case SchoolType::special_education:
      return 1;
    case SchoolType::specialised:
      return 5;
  }
  return 10;
}

// `n` school types in the fixed proportions (largest remainders), each at
// least once when n >= 6, in a seeded order.
std::vector<SchoolType> school_types(int n, Rng& rng) {
  std::array<int64_t, 6> count{};
  std::array<std::pair<int, size_t>, 6> remainder{};
  int64_t given = 0;
  for (size_t i = 0; i < kTypes.size(); ++i) {
    count[i] = static_cast<int64_t>(n) * kTypePermille[i] / 1000;
    remainder[i] = {static_cast<int>(static_cast<int64_t>(n) * kTypePermille[i] % 1000), i};
    given += count[i];
  }
  std::stable_sort(remainder.begin(), remainder.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < n; ++k, ++given) ++count[remainder[k].second];
  if (n >= static_cast<int>(kTypes.size())) {
    for (auto& c : count) {
      if (c == 0) {
        ++c;
        --*std::max_element(count.begin(), count.end());
      }
    }
  }
  std::vector<SchoolType> types;
  types.reserve(n);
  for (size_t i = 0; i < kTypes.size(); ++i) types.insert(types.end(), count[i], kTypes[i]);
  shuffle(types, rng);
  return types;
}

constexpr std::array<const char*, 60> kSurnames{
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "蔡", "蒋", "余", "于", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "谭", "陆", "汪", "范", "金", "廖", "莫"};
constexpr std::array<const char*, 24> kGivenMale{"伟", "强", "磊", "军", "洋", "勇", "杰", "涛",
                                                 "明", "超", "浩", "宇", "轩", "博", "俊", "鹏",
                                                 "辉", "刚", "斌", "鑫", "子", "文", "嘉", "泽"};
constexpr std::array<const char*, 24> kGivenFemale{"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞",
                                                   "婷", "雪", "琳", "欣", "怡", "萱", "晨", "雨",
                                                   "佳", "颖", "思", "梦", "子", "文", "嘉", "诗"};

Error invalid(const std::string& message) { return make_error("invalid_field", message); }

// The first birth date of grade `grade` in the school year starting in
// September of `school_year`: grade g turned 6 in the twelve months before
// the September g - 1 years earlier, so was born from (year - g - 6)-09-01.
Date window_start(int school_year, int grade) {
  return *Date::from_ymd(school_year - grade - 6, 9, 1);
}

// The sequence numbers a county and birth date hand out per gender:
// odd 1..997 for boys, even 2..998 for girls (GB 11643: the last digit of
// the sequence says the gender).
constexpr uint16_t kSequencesPerGender = 499;

}  // namespace

Result<ProvinceGenerator> ProvinceGenerator::create(const ProvinceSpec& spec) {
  if (!is_province_code(spec.province)) {
    return invalid("province '" + spec.province + "' is not a GB/T 2260 province code");
  }
  if (spec.cities < 1 || spec.cities > 99) {
    return invalid("cities: " + std::to_string(spec.cities) + " is outside 1-99");
  }
  if (spec.counties < spec.cities || spec.counties > 98 * spec.cities) {
    return invalid("counties: " + std::to_string(spec.counties) + " is outside " +
                   std::to_string(spec.cities) + "-" + std::to_string(98 * spec.cities) +
                   " (at least one, at most 98, per city)");
  }
  if (spec.schools < 1) return invalid("schools: at least 1");
  if (spec.students < 0 || spec.students > 100000000) {
    return invalid("students: " + std::to_string(spec.students) + " is outside 0-100,000,000");
  }
  if (spec.school_year < 2000 || spec.school_year > 2100) {
    return invalid("school year " + std::to_string(spec.school_year) + " is outside 2000-2100");
  }

  ProvinceGenerator g;
  g.spec_ = spec;
  Rng rng(spec.seed);
  PlaceNames places(rng);
  const std::string province_name_text(province_name(spec.province));
  g.orgs_.push_back(
      Org{spec.province, province_name_text, OrgLevel::province, OrgTree::kMinistryCode});

  // Art. 5: a few schools run by a city itself, the rest under counties.
  const int city_run = spec.schools >= 100 ? spec.schools / 100 : 0;
  g.city_run_ = city_run;
  std::vector<int64_t> county_weights(spec.counties);
  for (auto& w : county_weights) w = 50 + static_cast<int64_t>(rng.below(101));
  const auto county_schools = apportion(spec.schools - city_run, county_weights);
  const auto types = school_types(spec.schools, rng);
  size_t next_type = 0;

  // One parent's schools, numbered under its code.
  // `parent` by value: adding schools grows orgs_, where it may live.
  auto add_schools = [&](const Org parent, int64_t count, int division) -> Status {
    if (count > 9999) {
      return invalid("schools: " + std::to_string(count) + " under " + parent.code +
                     ", more than the 9,999 a 4-digit serial numbers");
    }
    std::array<int, 7> ordinal{};
    for (int i = 1; i <= count; ++i) {
      const SchoolType type = types[next_type++];
      const int n = ++ordinal[static_cast<size_t>(type)];
      Org school{parent.code + four_digits(i),
                 parent.name + (parent.level == OrgLevel::city ? "直属" : "") + "第" +
                     std::to_string(n) + std::string(type_word(type)),
                 OrgLevel::school, parent.code, type};
      g.schools_.push_back(School{g.orgs_.size(), division, 0});
      g.orgs_.push_back(std::move(school));
    }
    return {};
  };

  int county = 0;
  for (int c = 0; c < spec.cities; ++c) {
    const Org city{spec.province.substr(0, 2) + two_digits(c + 1) + "00", places.next() + "市",
                   OrgLevel::city, spec.province};
    g.orgs_.push_back(city);
    const int counties_here = spec.counties / spec.cities + (c < spec.counties % spec.cities);
    // A city-run school's students carry the city's first county's code.
    const int first_division = static_cast<int>(g.divisions_.size());
    const int city_run_here = city_run / spec.cities + (c < city_run % spec.cities);
    auto status = add_schools(city, city_run_here, first_division);
    if (!status) return status.error();
    for (int d = 0; d < counties_here; ++d, ++county) {
      const Org county_org{city.code.substr(0, 4) + two_digits(d + 2),
                           places.next() + (d < (counties_here + 1) / 2 ? "区" : "县"),
                           OrgLevel::county, city.code};
      g.divisions_.push_back(county_org.code);
      g.orgs_.push_back(county_org);
      status = add_schools(g.orgs_.back(), county_schools[county], first_division + d);
      if (!status) return status.error();
    }
  }

  // Students in proportion to the grades a school teaches times its type's
  // class size per grade: there are fewer junior and senior schools than
  // primary ones, but they are larger, so no grade's cohort is starved.
  std::vector<int64_t> school_weights;
  school_weights.reserve(g.schools_.size());
  for (const auto& school : g.schools_) {
    const SchoolType type = *g.orgs_[school.org].school_type;
    const GradeRange grades = grades_of(type);
    school_weights.push_back((grades.last - grades.first + 1) * per_grade_size(type) *
                             (50 + static_cast<int64_t>(rng.below(101))));
  }
  const auto per_school = apportion(spec.students, school_weights);
  for (size_t i = 0; i < g.schools_.size(); ++i) g.schools_[i].students = per_school[i];

  // A bug here, not bad input: the tree must hold.
  std::vector<Org> copy = g.orgs_;
  auto tree = OrgTree::build(std::move(copy));
  if (!tree) return tree.error();
  return g;
}

Status ProvinceGenerator::for_each_student(const std::function<void(const Student&)>& sink) const {
  const int year = spec_.school_year;
  const Date earliest = window_start(year, 12);
  const Date latest = window_start(year, 0).plus_days(-1);  // grade 1's window ends 31 August
  const int32_t days = latest.days() - earliest.days() + 1;
  // "YYYYMMDD" and the date, for every day a student may be born on.
  std::vector<std::array<char, 8>> ymd(days);
  for (int32_t d = 0; d < days; ++d) {
    const std::string text = earliest.plus_days(d).to_string();  // YYYY-MM-DD
    std::array<char, 8> digits{};
    std::copy(text.begin(), text.begin() + 4, digits.begin());
    std::copy(text.begin() + 5, text.begin() + 7, digits.begin() + 4);
    std::copy(text.begin() + 8, text.begin() + 10, digits.begin() + 6);
    ymd[d] = digits;
  }
  std::array<int32_t, 13> grade_start{}, grade_days{};
  for (int grade = 1; grade <= 12; ++grade) {
    grade_start[grade] = window_start(year, grade).days() - earliest.days();
    grade_days[grade] = window_start(year, grade - 1).days() - window_start(year, grade).days();
  }
  // Sequence numbers used, per county, birth date and gender: what makes
  // every resident ID unique.
  std::vector<uint16_t> used(divisions_.size() * static_cast<size_t>(days) * 2, 0);

  Rng rng(spec_.seed ^ 0x53545544454E5453ULL);  // its own stream: "STUDENTS"
  Student s;
  std::string first17(17, '0');
  int64_t index = 0;
  for (const auto& school : schools_) {
    const Org& org = orgs_[school.org];
    const GradeRange grades = grades_of(*org.school_type);
    const std::string& division = divisions_[school.division];
    std::copy(division.begin(), division.end(), first17.begin());
    s.school = org.code;
    for (int64_t k = 0; k < school.students; ++k, ++index) {
      s.grade = grades.first + static_cast<int>(rng.below(grades.last - grades.first + 1));
      s.gender = rng.below(2) == 0 ? Gender::male : Gender::female;
      const int32_t window = grade_days[s.grade];
      const int32_t offset = static_cast<int32_t>(rng.below(window));
      // A full day passes the student on to the next day of the window.
      int32_t day = -1;
      size_t slot = 0;
      for (int32_t probe = 0; probe < window; ++probe) {
        const int32_t d = grade_start[s.grade] + (offset + probe) % window;
        slot = ((static_cast<size_t>(school.division) * days + d) * 2) +
               (s.gender == Gender::male ? 0 : 1);
        if (used[slot] < kSequencesPerGender) {
          day = d;
          break;
        }
      }
      if (day < 0) {
        return invalid("students: county " + division + " has no resident-ID sequence left for " +
                       "grade " + std::to_string(s.grade) + "; spread them over more counties");
      }
      const int sequence = 2 * used[slot]++ + (s.gender == Gender::male ? 1 : 2);
      std::copy(ymd[day].begin(), ymd[day].end(), first17.begin() + 6);
      first17[14] = static_cast<char>('0' + sequence / 100);
      first17[15] = static_cast<char>('0' + sequence / 10 % 10);
      first17[16] = static_cast<char>('0' + sequence % 10);
      s.resident_id.assign(first17);
      s.resident_id.push_back(resident_id_check_char(first17));
      s.registration_number = g_number(s.resident_id);  // Art. 8
      s.birth_date = earliest.plus_days(day);
      s.name.assign(kSurnames[rng.below(kSurnames.size())]);
      const auto& given = s.gender == Gender::male ? kGivenMale : kGivenFemale;
      s.name.append(given[rng.below(given.size())]);
      if (rng.below(3) != 0) s.name.append(given[rng.below(given.size())]);
      s.status = index % 50 == 49 ? StudentStatus::on_leave : StudentStatus::enrolled;
      sink(s);
    }
  }
  return {};
}

}  // namespace xueji
