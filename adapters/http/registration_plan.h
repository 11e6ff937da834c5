#pragma once
// One registration checked and numbered, before it is stored: every check
// POST /v1/students makes (the body's fields, the school, the registrar's
// jurisdiction, the grades the school teaches, one live registration per
// person, a closed record reopened, an L or J serial drawn), shared by the
// single route, the batch route and `xueji import`, so a row of a batch is
// refused exactly as the same body posted alone would be.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "actors/port/transition.h"
#include "adapters/http/registration_numbers.h"
#include "adapters/store/read_model.h"
#include "engine/account/account.h"
#include "engine/org/org_tree.h"

namespace xueji {

// What a registration reads from the store. The single route asks the
// store each time (StoreRegistrationReads); a batch answers from rows it
// read in bulk and from the rows above it (intake_reads.h).
class RegistrationReads {
 public:
  virtual ~RegistrationReads() = default;
  // The live registration of `resident_id`, if any.
  virtual Result<std::optional<Student>> live_student(const std::string& resident_id) = 0;
  // The record `number` names, live or closed, if any.
  virtual Result<std::optional<Student>> record(const std::string& number) = 0;
  // The highest number issued in [lowest, highest]; "" for none.
  virtual Result<std::string> last_issued(const std::string& lowest,
                                          const std::string& highest) = 0;
};

class StoreRegistrationReads : public RegistrationReads {
 public:
  explicit StoreRegistrationReads(store::ReadModel& reads) : reads_(reads) {}
  Result<std::optional<Student>> live_student(const std::string& resident_id) override {
    return reads_.find_live_student(resident_id);
  }
  Result<std::optional<Student>> record(const std::string& number) override {
    return reads_.find_student(number);
  }
  Result<std::string> last_issued(const std::string& lowest, const std::string& highest) override {
    return reads_.last_issued(lowest, highest);
  }

 private:
  store::ReadModel& reads_;
};

// A registration that passed every check: the record as it will be
// stored (numbered with the next serial of its range for an L or J number),
// the closed record it reopens instead, if one.
struct PlannedRegistration {
  Student student;
  std::optional<ReopenedRecord> reopening;
  // An L or J number's range: a commit that finds the serial taken
  // meanwhile draws the next (http::kSerialAttempts).
  std::optional<http::SerialRange> range;
};

// Checks `body` (POST /v1/students' JSON object) as registered by
// `registrar` (nullptr: the operator's offline import, whom no
// jurisdiction bounds) on `today`. The errors are the single route's, code
// and words: "missing_field", "invalid_field", "unknown_org",
// "out_of_jurisdiction", "invalid_grade", "invalid_resident_id",
// "duplicate_registration", "record_closed", a store error. `target`, when
// given, is set to "school:<code>" once the school is known, for the
// refusal's audit entry.
Result<PlannedRegistration> plan_registration(const nlohmann::json& body, const OrgTree& orgs,
                                              const Account* registrar, Date today,
                                              RegistrationReads& reads,
                                              std::string* target = nullptr);

// The registration's record writes (a new record or a reopened one).
void add_registration(RecordWrites& into, const PlannedRegistration& planned);

}  // namespace xueji
