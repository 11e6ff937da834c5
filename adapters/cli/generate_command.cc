// `xueji generate --province 440000 --orgs-out orgs.yaml --students-out
// students.csv`: a made-up province-sized tree and roster from a seed
// (engine/simulation/province_generator.h), the one the benchmarks and demos
// share (issue 17). The org file is what `xueji serve --orgs` reads; the
// roster is a CSV in the students table's column order with a header, for
//   \copy students (registration_number, resident_id, name, school, grade,
//                   status, birth_date, gender) FROM 'students.csv' CSV HEADER
// on PostgreSQL, or SQLite's `.import --csv students.csv staging` followed
// by an INSERT ... SELECT into students (whose version column the CSV
// leaves to its default). --orgs-csv writes the orgs as the orgs table's
// rows too, for the same \copy.

#include <cstdio>
#include <iostream>
#include <memory>

#include "adapters/cli/command_line.h"
#include "engine/simulation/province_generator.h"

namespace xueji::cli {
namespace {

// Buffered writes to a file that say which file failed.
class OutFile {
 public:
  explicit OutFile(const std::string& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) throw UsageError("cannot write " + path);
    buffer_.reserve(kFlushAt + 4096);
  }
  ~OutFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  std::string& buffer() { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() >= kFlushAt) flush();
  }
  void close() {
    flush();
    const bool failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) throw UsageError("cannot write " + path_);
  }

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  void flush() {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw UsageError("cannot write " + path_);
    }
    buffer_.clear();
  }

  std::string path_;
  std::FILE* file_;
  std::string buffer_;
};

void write_org_file(const ProvinceGenerator& generator, const std::string& command,
                    const std::string& path) {
  OutFile out(path);
  std::string& b = out.buffer();
  b += "# A made-up province (" + std::to_string(generator.orgs().size()) +
       " orgs), written by\n#   " + command +
       "\n# in the org-file format (see config/demo/orgs.yaml).\norgs:\n";
  for (const Org& org : generator.orgs()) {
    b += "  - {code: \"" + org.code + "\", name: \"" + org.name + "\", level: ";
    b += to_string(org.level);
    if (org.school_type) {
      b += ", type: ";
      b += to_string(*org.school_type);
    }
    if (org.level != OrgLevel::province) b += ", parent: \"" + org.parent + "\"";
    b += "}\n";
    out.maybe_flush();
  }
  out.close();
}

// The orgs table's columns (migrations/0001, 0007), for \copy orgs.
void write_org_rows(const ProvinceGenerator& generator, const std::string& path) {
  OutFile out(path);
  std::string& b = out.buffer();
  b += "code,name,level,parent,school_type\n";
  for (const Org& org : generator.orgs()) {
    b += org.code + "," + org.name + ",";
    b += to_string(org.level);
    b += "," + org.parent + ",";
    // "" rather than nothing: PostgreSQL's CSV reads an empty field as
    // NULL, and the column is NOT NULL DEFAULT ''.
    if (org.school_type) {
      b += to_string(*org.school_type);
    } else {
      b += "\"\"";
    }
    b += "\n";
    out.maybe_flush();
  }
  out.close();
}

}  // namespace

void add_generate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "generate", "write a made-up province's org file and student roster (benchmarks, demos)");
  struct Options {
    ProvinceSpec spec;
    std::string orgs_out;
    std::string orgs_csv;
    std::string students_out;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--province", o->spec.province, "GB/T 2260 province code, e.g. 440000")
      ->required();
  cmd->add_option("--cities", o->spec.cities, "cities (1-99)")->capture_default_str();
  cmd->add_option("--counties", o->spec.counties, "counties, spread over the cities")
      ->capture_default_str();
  cmd->add_option("--schools", o->spec.schools, "schools")->capture_default_str();
  cmd->add_option("--students", o->spec.students, "students")->capture_default_str();
  cmd->add_option("--seed", o->spec.seed, "the same seed gives the same province")
      ->capture_default_str();
  cmd->add_option("--school-year", o->spec.school_year,
                  "the roster's school year starts in September of this year")
      ->capture_default_str();
  cmd->add_option("--orgs-out", o->orgs_out, "the org file to write (YAML)")->required();
  cmd->add_option("--students-out", o->students_out, "the roster to write (CSV with a header)")
      ->required();
  cmd->add_option("--orgs-csv", o->orgs_csv, "also write the orgs as orgs-table rows (CSV)");
  cmd->callback([o] {
    auto generator = ProvinceGenerator::create(o->spec);
    if (!generator) throw UsageError(generator.error().message);
    const ProvinceSpec& s = o->spec;
    const std::string command =
        "xueji generate --province " + s.province + " --cities " + std::to_string(s.cities) +
        " --counties " + std::to_string(s.counties) + " --schools " + std::to_string(s.schools) +
        " --students " + std::to_string(s.students) + " --seed " + std::to_string(s.seed) +
        " --school-year " + std::to_string(s.school_year);
    write_org_file(*generator, command, o->orgs_out);
    if (!o->orgs_csv.empty()) write_org_rows(*generator, o->orgs_csv);

    OutFile out(o->students_out);
    std::string& b = out.buffer();
    b += "registration_number,resident_id,name,school,grade,status,birth_date,gender\n";
    int64_t written = 0, on_leave = 0;
    // Names, codes and the engine's own words: no field holds a comma or a
    // quote, so none needs quoting.
    auto status = generator->for_each_student([&](const Student& st) {
      b += st.registration_number;
      b += ',';
      b += st.resident_id;
      b += ',';
      b += st.name;
      b += ',';
      b += st.school;
      b += ',';
      b += std::to_string(st.grade);
      b += ',';
      b += to_string(st.status);
      b += ',';
      b += st.birth_date.to_string();
      b += ',';
      b += to_string(st.gender);
      b += '\n';
      ++written;
      if (st.status == StudentStatus::on_leave) ++on_leave;
      out.maybe_flush();
    });
    if (!status) throw UsageError(status.error().message);
    out.close();
    std::cout << "generated: " << generator->orgs().size() << " orgs (" << s.cities << " cities, "
              << s.counties << " counties, " << s.schools << " schools, "
              << generator->city_run_schools() << " of them run by a city) in " << o->orgs_out;
    if (!o->orgs_csv.empty()) std::cout << " and " << o->orgs_csv;
    std::cout << "; " << written << " students (" << on_leave << " on leave) in " << o->students_out
              << "\n";
  });
}

}  // namespace xueji::cli
