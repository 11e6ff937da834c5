#include "actors/archive_opening.h"

#include <future>
#include <map>
#include <mutex>

#include "actors/submit_each.h"
#include "actors/undecided.h"

namespace xueji {

namespace {

OpenCase opening_of(const ArchiveDuty& duty, const Student& record) {
  OpenCase command{duty.kind, record.school, {}, record, ""};
  command.since = duty.owed_since;  // Art. 6, 7: the period runs from the operation
  return command;
}

// The duty settled without its case: already opened (a stop after the
// opening, or a second start) needs nothing more recorded; otherwise the
// refusal (`refused`, a code) stands on the audit trail.
Transition settled_without_case(const ArchiveDuty& duty, AuditEntry cause,
                                const std::string& refused) {
  Transition settle;
  settle.records.archive_settled.push_back(duty.case_id);
  if (refused != "case_exists") {
    cause.outcome = refused;
    settle.audit.push_back(std::move(cause));
  }
  return settle;
}

}  // namespace

void open_archive_duty_async(Runtime& engine, const ArchiveDuty& duty,
                             const std::optional<Student>& record, AuditEntry cause,
                             DutySource source, std::function<void(Status)> done) {
  if (!record) {
    engine.commit_async(settled_without_case(duty, std::move(cause), "unknown_student"),
                        std::move(done));
    return;
  }
  auto settle = [&engine, duty, cause, done = std::move(done)](CaseReply reply) mutable {
    if (reply.ok) return done(Status());
    if (undecided(reply.error.code)) return done(reply.error);
    engine.commit_async(settled_without_case(duty, std::move(cause), reply.error.code),
                        std::move(done));
  };
  if (source == DutySource::just_recorded) {
    engine.open_new_async(duty.case_id, opening_of(duty, *record), nullptr, cause, {},
                          std::move(settle));
  } else {
    engine.request_async(duty.case_id, opening_of(duty, *record), nullptr, cause, {},
                         std::move(settle));
  }
}

Status open_archive_duties(Runtime& engine, const std::vector<ArchiveDuty>& duties,
                           const RecordOf& record_of, const CauseOf& cause_of, DutySource source,
                           size_t window) {
  std::mutex m;
  Status first_failure;
  each_in_flight(duties.size(), window, [&](size_t n, std::function<void()> done) {
    {
      std::lock_guard<std::mutex> lock(m);
      if (!first_failure) return done();  // not sent: left owed
    }
    const ArchiveDuty& duty = duties[n];
    open_archive_duty_async(engine, duty, record_of(duty), cause_of(duty), source,
                            [&m, &first_failure, done](Status opened) {
                              {
                                std::lock_guard<std::mutex> lock(m);
                                if (!opened && first_failure) first_failure = opened;
                              }
                              done();
                            });
  });
  // No one touches an archive case for weeks: put to sleep, a
  // Guangdong-sized intake's million do not stay resident (about 2 KB each)
  // until the idle sweep. Those not opened were never resident.
  std::vector<std::string> opened;
  opened.reserve(duties.size());
  for (const auto& duty : duties) opened.push_back(duty.case_id);
  engine.put_to_sleep(std::move(opened));
  return first_failure;
}

namespace {

// A page of the duties left owed, with the records of those `take` picked.
struct LeftPage {
  size_t read = 0;  // duties read; fewer than a page: the last
  std::optional<ArchiveDuty> last;
  std::vector<ArchiveDuty> due;
  std::map<std::string, StoredStudent> records;
};

Result<LeftPage> read_left_page(Journal& journal, const std::optional<ArchiveDuty>& after,
                                size_t page, const TakeDuty& take) {
  auto read = journal.owed_archive_duties_after(after, page);
  if (!read) return read.error();
  LeftPage out;
  out.read = read->size();
  if (read->empty()) return out;
  out.last = read->back();
  std::vector<std::string> subjects;
  for (auto& duty : *read) {
    if (!take(duty)) continue;
    subjects.push_back(duty.subject);
    out.due.push_back(std::move(duty));
  }
  if (out.due.empty()) return out;
  auto records = journal.load_students(subjects);
  if (!records) return records.error();
  out.records = std::move(*records);
  return out;
}

}  // namespace

LeftDutiesOpened open_left_duties(Runtime& engine, Journal& journal, const TakeDuty& take,
                                  size_t page, const std::atomic<bool>* stop) {
  LeftDutiesOpened out;
  Result<LeftPage> next = read_left_page(journal, std::nullopt, page, take);
  for (;;) {
    if (!next) {
      out.status = next.error();
      return out;
    }
    LeftPage current = std::move(*next);
    out.owed += current.read;
    if (stop != nullptr && stop->load()) return out;  // before reading on: the rest stays owed
    // The next page is read while this one opens (the journal is this
    // call's alone): 30 pages after an intake of 300,000 each took a read
    // of duties and records with the engine idle.
    std::future<Result<LeftPage>> reading;
    if (current.read == page) {
      reading = std::async(std::launch::async, [&journal, &take, after = current.last, page] {
        return read_left_page(journal, after, page, take);
      });
    }
    if (!current.due.empty()) {
      out.status = open_archive_duties(
          engine, current.due,
          [&](const ArchiveDuty& duty) {
            auto found = current.records.find(duty.subject);
            if (found == current.records.end()) return std::optional<Student>();
            return std::optional<Student>(found->second.student);
          },
          [&](const ArchiveDuty& duty) {
            return archive_duty_entry(duty, engine.data()->clock->now());
          },
          DutySource::left_by_a_stop);
      if (!out.status) return out;  // once the page being read is in
      out.taken += current.due.size();
    }
    if (!reading.valid()) return out;
    next = reading.get();
  }
}

AuditEntry archive_duty_entry(const ArchiveDuty& duty, Instant now) {
  return audit_entry(now, "xueji", duty.school, "case.open", "case:" + duty.case_id, "ok",
                     duty.kind + " owed since " + duty.owed_since.to_string() + " (" +
                         (duty.kind == "archive_build" ? "Art. 6" : "Art. 7") + ")");
}

}  // namespace xueji
