#include "adapters/http/intake.h"

#include <deque>
#include <future>
#include <map>
#include <unordered_map>

#include "adapters/http/archive_steps.h"
#include "engine/student/registration_number.h"

namespace xueji::http {
namespace {

// A batch's reads: the store as it was when the batch began, read in bulk,
// overlaid with the rows planned above, so a later row sees an earlier
// one as a single registration would see it stored.
class IntakeReads : public RegistrationReads {
 public:
  IntakeReads(store::ReadModel& reads, size_t rows) : reads_(reads) {
    // Most rows look up a person and a number no row above has: with four
    // buckets a key most such lookups end at an empty one, without walking
    // a chain (100,000 entrants: 30-40 ms less, docs/performance.md).
    live_.max_load_factor(0.25F);
    records_.max_load_factor(0.25F);
    live_.reserve(rows);
    records_.reserve(rows);
  }

  // The stored registrations of rows[from, until): the live ones by
  // resident ID, and the records by the numbers those IDs give. Reads
  // only the store, so it may run on another thread than the rest.
  struct Stored {
    Result<std::vector<Student>> live, records;
  };
  Stored read(const std::vector<IntakeRow>& rows, size_t from, size_t until) const {
    std::vector<std::string> ids, numbers;
    for (size_t i = from; i < until; ++i) {
      const IntakeRow& row = rows[i];
      if (row.malformed || !row.body.contains("id") || !row.body["id"].is_string()) continue;
      const std::string id = row.body["id"].get<std::string>();
      if (id.empty()) continue;
      ids.push_back(id);
      numbers.push_back(g_number(id));
    }
    return Stored{reads_.live_students_of(ids), reads_.students_of(numbers)};
  }

  // Takes in what read() found. A row planned above wins over the stored
  // record it replaces, whichever came in first.
  Status take(Stored found) {
    if (!found.live) return found.live.error();
    if (!found.records) return found.records.error();
    for (auto& s : *found.live) {
      const Student& kept = stored_.emplace_back(std::move(s));
      live_.emplace(kept.resident_id, &kept);
    }
    for (auto& s : *found.records) {
      const Student& kept = stored_.emplace_back(std::move(s));
      records_.emplace(kept.registration_number, &kept);
    }
    return Status();
  }

  // A row planned: the rows below it see its registration. `p` outlives
  // this object, and is seen as it is at each lookup.
  void add(const PlannedRegistration& p) {
    if (!p.student.resident_id.empty()) live_[p.student.resident_id] = &p.student;
    records_[p.student.registration_number] = &p.student;
    if (p.range) {
      std::string& last = last_[p.range->lowest];
      if (last < p.student.registration_number) last = p.student.registration_number;
    }
  }

  // Frees what the overlay holds, once no row is left to check against it
  // (a refused chunk's rows are checked again against the store alone):
  // while the last chunks commit, not after them.
  void release() {
    decltype(live_)().swap(live_);
    decltype(records_)().swap(records_);
    decltype(stored_)().swap(stored_);
  }

  Result<std::optional<Student>> live_student(const std::string& resident_id) override {
    auto it = live_.find(resident_id);
    if (it == live_.end()) return std::optional<Student>();
    return std::optional<Student>(*it->second);
  }
  Result<std::optional<Student>> record(const std::string& number) override {
    auto it = records_.find(number);
    if (it == records_.end()) return std::optional<Student>();
    return std::optional<Student>(*it->second);
  }
  // Fixed-width numbers of one range: their text order is their serials'.
  Result<std::string> last_issued(const std::string& lowest, const std::string& highest) override {
    auto it = last_.find(lowest);
    if (it == last_.end()) {
      auto stored = reads_.last_issued(lowest, highest);
      if (!stored) return stored.error();
      it = last_.emplace(lowest, *stored).first;
    }
    return it->second;
  }

 private:
  store::ReadModel& reads_;
  // The rows planned above by pointer (register_intake keeps them), the
  // stored ones here: a term's intake is a hundred thousand rows.
  std::deque<Student> stored_;
  std::unordered_map<std::string, const Student*> live_;     // by resident ID
  std::unordered_map<std::string, const Student*> records_;  // by registration number
  std::map<std::string, std::string> last_;                  // a range's lowest -> its last number
};

struct Planned {
  size_t outcome;  // index into the summary's rows
  PlannedRegistration registration;
};

// The transaction of `chunk`: each row's record, archive duty and entry.
Transition chunk_transition(const std::vector<Planned*>& chunk, IntakeSummary& summary,
                            const IntakeOptions& o) {
  Transition t;
  for (Planned* p : chunk) {
    IntakeOutcome& out = summary.rows[p->outcome];
    add_registration(t.records, p->registration);
    // Art. 6, 7: the archive step is owed from this very commit.
    out.duty = registration_archive_duty(p->registration.student, out.reopened, o.at);
    t.records.archive_owed.push_back(*out.duty);
    t.audit.push_back(o.row_entry(p->registration.student, out.row));
  }
  return t;
}

}  // namespace

std::string IntakeSummary::detail() const {
  std::string out = std::to_string(rows.size()) + " rows: " + std::to_string(registered) +
                    " registered, " + std::to_string(refused) + " refused";
  std::string which;
  for (const auto& r : rows) {
    if (!r.problem) continue;
    if (which.size() > 400) {
      which += ", ...";
      break;
    }
    which += (which.empty() ? "" : ", ") + std::to_string(r.row) + " (" + r.problem->code + ")";
  }
  if (!which.empty()) out += " (rows " + which + ")";
  if (none_stored) out += "; none registered (all-or-nothing)";
  return out;
}

Result<IntakeSummary> register_intake(const std::vector<IntakeRow>& rows, const OrgTree& orgs,
                                      store::ReadModel& reads, const IntakeOptions& o) {
  // Reserved: the chunks in flight and the reads' overlay point into both
  // while planning goes on.
  std::vector<Planned> planned;
  planned.reserve(rows.size());
  IntakeSummary summary;
  summary.rows.reserve(rows.size());
  const Date today = o.at.beijing_date();
  const size_t per = std::max<size_t>(o.rows_per_commit, 1);
  // The store as the batch begins: the first chunk's rows read now, the
  // rest while they are checked, so the first commit starts sooner.
  IntakeReads batch_reads(reads, rows.size());
  const size_t first = std::min(rows.size(), per);
  if (Status read = batch_reads.take(batch_reads.read(rows, 0, first)); !read) {
    return read.error();
  }
  std::future<IntakeReads::Stored> rest;
  if (first < rows.size()) {
    rest =
        std::async(std::launch::async, [&] { return batch_reads.read(rows, first, rows.size()); });
  }
  const size_t lanes = std::max<size_t>(o.lanes, 1);
  // Chunks' commits run while the rows after them are checked: the store
  // writes up to `lanes` transactions while this thread plans the next.
  // Chunks take the lanes in turn, so the oldest in flight holds the lane
  // the next chunk needs.
  struct Flight {
    std::future<Status> stored;
    std::vector<Planned*> chunk;
    size_t lane = 0;
  };
  std::deque<Flight> flights;
  size_t launched = 0;  // planned rows handed to a commit
  size_t chunks = 0;
  // Another registration raced a row of the chunk: each row alone, checked
  // again against the store as it stands now.
  auto retry_alone = [&](const Flight& f) {
    StoreRegistrationReads fresh(reads);
    for (Planned* p : f.chunk) {
      IntakeOutcome& out = summary.rows[p->outcome];
      auto again = plan_registration(rows[p->outcome].body, orgs, o.registrar, today, fresh);
      Status alone = again ? Status() : Status(again.error());
      if (again) {
        p->registration = std::move(*again);
        out.student = p->registration.student;
        out.reopened = p->registration.reopening.has_value();
        alone = o.commit(chunk_transition({p}, summary, o), f.lane);
      }
      if (alone) {
        out.stored = true;
      } else {
        out.problem = alone.error();
        out.student.reset();
        out.duty.reset();
      }
    }
  };
  // The oldest chunk in flight's outcome. A refused one waits for every
  // chunk after it, so that its rows are checked again against the store
  // as it stands once nothing more of the intake is on its way, then
  // retried row by row.
  auto settle_oldest = [&]() -> Status {
    std::vector<Flight> refused;
    do {
      Flight f = std::move(flights.front());
      flights.pop_front();
      Status stored = f.stored.get();
      if (stored) {
        for (Planned* p : f.chunk) summary.rows[p->outcome].stored = true;
      } else if (o.all_or_nothing) {
        return stored;  // one chunk only: nothing else is in flight
      } else {
        refused.push_back(std::move(f));
      }
    } while (!refused.empty() && !flights.empty());
    for (const Flight& f : refused) retry_alone(f);
    return Status();
  };
  auto settle_all = [&]() -> Status {
    while (!flights.empty()) {
      if (Status done = settle_oldest(); !done) return done;
    }
    return Status();
  };
  // The planned rows not yet launched, on the next lane once it is free.
  // Their transaction is made before waiting for the lane, so the lane's
  // connection goes from one commit to the next without waiting for it.
  auto launch = [&]() -> Status {
    Flight f;
    for (size_t i = launched; i < planned.size(); ++i) f.chunk.push_back(&planned[i]);
    launched = planned.size();
    Transition t = chunk_transition(f.chunk, summary, o);
    if (flights.size() == lanes) {
      if (Status done = settle_oldest(); !done) return done;
    }
    f.lane = chunks++ % lanes;
    f.stored = std::async(std::launch::async, o.commit, std::move(t), f.lane);
    flights.push_back(std::move(f));
    return Status();
  };
  for (const auto& row : rows) {
    if (summary.rows.size() == first && rest.valid()) {
      if (Status read = batch_reads.take(rest.get()); !read) {
        (void)settle_all();
        return read.error();
      }
    }
    IntakeOutcome out;
    out.row = row.row;
    if (row.malformed) {
      out.problem = *row.malformed;
    } else {
      auto p = plan_registration(row.body, orgs, o.registrar, today, batch_reads);
      if (p) {
        out.reopened = p->reopening.has_value();
        out.student = p->student;
        planned.push_back(Planned{summary.rows.size(), std::move(*p)});
        batch_reads.add(planned.back().registration);
      } else if (p.error().code == "store_failed") {
        // A store failure is the batch's, not the row's: nothing is known.
        (void)settle_all();
        return p.error();
      } else {
        out.problem = p.error();
      }
    }
    summary.rows.push_back(std::move(out));
    if (!o.all_or_nothing && planned.size() - launched == per) {
      if (Status done = launch(); !done) return done.error();
    }
  }
  batch_reads.release();
  const bool any_refused = planned.size() < rows.size();
  if (o.all_or_nothing && any_refused) {
    summary.none_stored = true;
  } else {
    if (launched < planned.size()) {
      if (Status done = launch(); !done) return done.error();
    }
    if (Status done = settle_all(); !done) return done.error();
  }
  for (const auto& out : summary.rows) {
    if (out.problem) ++summary.refused;
    if (out.stored) ++summary.registered;
  }
  return summary;
}

}  // namespace xueji::http
