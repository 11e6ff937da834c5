// `xueji generate`: a small made-up province written to disk, its org file
// read back by load_org_file (what `xueji serve --orgs` does) and its
// roster read back as CSV, row by row, against the tree and the rules a
// registration follows (GB 11643 IDs, Art. 2 grades, Art. 8 G numbers).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/org/org_tree.h"
#include "engine/student/resident_id.h"
#include "tests/cli/run_command.h"

namespace xueji::test {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split(const std::string& line, char by) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, by)) out.push_back(field);
  if (!line.empty() && line.back() == by) out.emplace_back();
  return out;
}

class GenerateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("xueji-generate-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult generate(const std::string& prefix, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"generate",
                                  "--province",
                                  "450000",
                                  "--cities",
                                  "3",
                                  "--counties",
                                  "8",
                                  "--schools",
                                  "150",
                                  "--students",
                                  "3000",
                                  "--seed",
                                  "5",
                                  "--orgs-out",
                                  (dir_ / (prefix + ".yaml")).string(),
                                  "--students-out",
                                  (dir_ / (prefix + ".csv")).string(),
                                  "--orgs-csv",
                                  (dir_ / (prefix + "-orgs.csv")).string()};
    // `extra` replaces the value of a flag already given, or adds its own.
    for (size_t i = 0; i + 1 < extra.size(); i += 2) {
      auto flag = std::find(args.begin(), args.end(), extra[i]);
      if (flag == args.end()) {
        args.push_back(extra[i]);
        args.push_back(extra[i + 1]);
      } else {
        *(flag + 1) = extra[i + 1];
      }
    }
    return run_xueji(args);
  }

  fs::path dir_;
};

TEST_F(GenerateCli, WritesAnOrgFileTheServerLoadsAndARosterThatFitsIt) {
  auto r = generate("gx");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("generated: 162 orgs (3 cities, 8 counties, 150 schools, 1 of them run by "
                       "a city)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("3000 students (60 on leave)"), std::string::npos) << r.out;

  auto tree = load_org_file((dir_ / "gx.yaml").string());
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree->size(), 163u);  // and the ministry
  ASSERT_NE(tree->find("450000"), nullptr);
  EXPECT_EQ(tree->find("450000")->name, "广西壮族自治区");
  std::set<SchoolType> types;
  int schools = 0;
  for (const Org* org : tree->all()) {
    if (org->level != OrgLevel::school) continue;
    ++schools;
    ASSERT_TRUE(org->school_type.has_value()) << org->code;
    types.insert(*org->school_type);
  }
  EXPECT_EQ(schools, 150);
  EXPECT_EQ(types.size(), 6u) << "primary to special education";

  // The roster: a header in the students table's column order, then one
  // row per student that a registration would accept.
  std::istringstream csv(read_text(dir_ / "gx.csv"));
  std::string line;
  ASSERT_TRUE(std::getline(csv, line));
  EXPECT_EQ(line, "registration_number,resident_id,name,school,grade,status,birth_date,gender");
  const Date today = *Date::from_ymd(2026, 1, 1);
  std::set<std::string> ids;
  int rows = 0, on_leave = 0;
  while (std::getline(csv, line)) {
    ++rows;
    const auto f = split(line, ',');
    ASSERT_EQ(f.size(), 8u) << line;
    auto id = validate_resident_id(f[1], today);
    ASSERT_TRUE(id.ok()) << line << ": " << id.error().message;
    EXPECT_EQ(f[0], "G" + f[1]) << line;
    EXPECT_TRUE(ids.insert(f[1]).second) << "listed twice: " << line;
    EXPECT_FALSE(f[2].empty()) << line;
    EXPECT_TRUE(check_grade_at_school(*tree, f[3], std::stoi(f[4])).ok()) << line;
    EXPECT_EQ(tree->province_of(id->division_code), "450000") << line;
    EXPECT_TRUE(f[5] == "enrolled" || f[5] == "on_leave") << line;
    if (f[5] == "on_leave") ++on_leave;
    EXPECT_EQ(f[6], id->birth_date.to_string()) << line;
    EXPECT_EQ(f[7], to_string(id->gender)) << line;
  }
  EXPECT_EQ(rows, 3000);
  EXPECT_EQ(on_leave, 60);

  // The orgs as the orgs table's rows, for \copy orgs.
  const std::string org_rows = read_text(dir_ / "gx-orgs.csv");
  EXPECT_EQ(org_rows.substr(0, org_rows.find('\n')), "code,name,level,parent,school_type");
  size_t lines = 0;
  for (char c : org_rows) lines += c == '\n';
  EXPECT_EQ(lines, 1u + 162);
  EXPECT_NE(org_rows.find("\n450000,广西壮族自治区,province,000000,\"\"\n"), std::string::npos);
}

TEST_F(GenerateCli, TheSameSeedWritesTheSameFilesAndAnotherSeedOthers) {
  ASSERT_EQ(generate("a").status, 0);
  ASSERT_EQ(generate("b").status, 0);
  ASSERT_EQ(generate("c", {"--seed", "6"}).status, 0);
  EXPECT_EQ(read_text(dir_ / "a.csv"), read_text(dir_ / "b.csv"));
  EXPECT_EQ(read_text(dir_ / "a-orgs.csv"), read_text(dir_ / "b-orgs.csv"));
  EXPECT_NE(read_text(dir_ / "a.csv"), read_text(dir_ / "c.csv"));
}

TEST_F(GenerateCli, BadInputIsAUsageError) {
  auto r = generate("bad", {"--province", "990000"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("xueji: province '990000' is not a GB/T 2260 province code"),
            std::string::npos)
      << r.err;
  r = generate("bad", {"--counties", "2"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("counties"), std::string::npos) << r.err;
  r = run_xueji({"generate", "--province", "440000", "--students-out", "/dev/null"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--orgs-out"), std::string::npos) << r.err;
  r = run_xueji({"generate", "--province", "440000", "--schools", "10", "--students", "10",
                 "--orgs-out", (dir_ / "no-such-dir" / "o.yaml").string(), "--students-out",
                 (dir_ / "s.csv").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace xueji::test
