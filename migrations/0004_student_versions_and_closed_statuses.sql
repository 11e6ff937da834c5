-- A student's record changes only through compare-and-set writes (a case's
-- completion, a run over many students): each write moves its version on,
-- so a reader and a run can tell which record they saw.
ALTER TABLE students ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- Closed is not one thing (Art. 19, 21, 18): a death and a withdrawal now
-- close a record as 'deceased' and 'withdrawn'; 'deregistered' stays for
-- records closed before. A closed record frees its resident ID.
DROP INDEX students_live_resident_id;
CREATE UNIQUE INDEX students_live_resident_id ON students (resident_id)
  WHERE resident_id <> ''
    AND status NOT IN ('deregistered', 'graduated', 'deceased', 'withdrawn');

-- The open cases of a student, which a closing record ends.
CREATE INDEX cases_open_subject ON cases (subject) WHERE status = 'open';
